package fi.laituri.publish;

import fi.laituri.FileTrees;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A folder a web server serves (or a mounted share). Each changed file is written beside its place and renamed over it,
 * so a reader gets a whole file, old or new; files the build no longer has go last. The folder is marked on the first
 * publish, and a folder with other files in it and no mark is refused: publishing deletes what the build does not have.
 */
final class FolderTarget implements Target {

    static final String MARK = ".laituri-publish";

    private final Path dir;

    FolderTarget(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    @Override
    public Published site(Path build) throws IOException {
        claim();
        return mirror(build, dir, Set.of(MARK));
    }

    @Override
    public Published search(Path searchFolder) throws IOException {
        claim();
        Path live = searchFolder.resolve("current").toRealPath();
        String name = live.getFileName().toString();
        Path copy = Files.createDirectories(dir.resolve("builds").resolve(name));
        Published copied = mirror(live, copy, Set.of());
        Path current = dir.resolve("current");
        Path before = Files.isSymbolicLink(current) ? current.toRealPath() : null;
        if (before == null || !before.equals(copy.toRealPath())) {
            Path link = dir.resolve(".current-" + ProcessHandle.current().pid());
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, dir.relativize(copy));
            Files.move(link, current, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        // The one before stays: a search node may still be reading it.
        try (Stream<Path> builds = Files.list(dir.resolve("builds"))) {
            for (Path old : builds.toList()) {
                if (!old.equals(copy) && (before == null || !old.toRealPath().equals(before))) {
                    FileTrees.delete(old);
                }
            }
        }
        return copied;
    }

    /** Marks the folder as Laituri's, or refuses one that holds someone else's files. */
    private void claim() throws IOException {
        Files.createDirectories(dir);
        if (Files.exists(dir.resolve(MARK))) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new IOException(dir + " has files that laituri publish did not put there; publishing deletes what the"
                        + " site does not have, so name an empty folder (or one published to before)");
            }
        }
        Files.writeString(dir.resolve(MARK), "This folder is published to by laituri publish; it deletes what the site does not have.\n");
    }

    /**
     * Makes {@code to} hold exactly the files of {@code from} (except {@code keep}): changed files first, Lucene's
     * {@code segments_N} after all the files they name, deletions last.
     */
    private static Published mirror(Path from, Path to, Set<String> keep) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = walk.filter(Files::isRegularFile).map(from::relativize)
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString().startsWith("segments_")).thenComparing(Path::toString))
                    .toList();
        }
        int written = 0;
        Set<Path> wanted = new HashSet<>(files);
        for (Path relative : files) {
            Path source = from.resolve(relative);
            Path target = to.resolve(relative);
            if (Files.isRegularFile(target) && Files.size(target) == Files.size(source) && Files.mismatch(source, target) == -1) {
                continue;
            }
            Files.createDirectories(target.getParent());
            Path temporary = target.resolveSibling("." + target.getFileName() + ".publishing");
            Files.copy(source, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            written++;
        }
        int deleted = 0;
        List<Path> gone = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(to)) {
            walk.sorted(Comparator.reverseOrder()).forEach(gone::add);
        }
        for (Path p : gone) {
            Path relative = to.relativize(p);
            if (p.equals(to) || keep.contains(relative.toString())) {
                continue;
            }
            if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> entries = Files.list(p)) {
                    if (entries.findAny().isEmpty()) {
                        Files.delete(p);
                    }
                }
            } else if (!wanted.contains(relative)) {
                Files.delete(p);
                deleted++;
            }
        }
        return new Published(written, files.size() - written, deleted);
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
