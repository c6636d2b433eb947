package fi.laituri.search.lucene;

import fi.laituri.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the index lives: {@code <search>/builds/<name>/} holds one full index, {@code <search>/current} is a
 * symbolic link to the live one, switched by an atomic rename (as the site's own {@code current}). A search
 * node may also be pointed at a plain index directory, without the link.
 */
public final class IndexFiles {

    static final String CURRENT = "current";
    static final String BUILDS = "builds";

    private IndexFiles() {
    }

    /** The live index directory under a search folder, if there is one. */
    static Optional<Path> live(Path search) {
        try {
            Path current = search.resolve(CURRENT);
            if (Files.exists(current)) {
                return Optional.of(current.toRealPath());
            }
            return isIndex(search) ? Optional.of(search.toRealPath()) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isIndex(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().startsWith("segments_"));
        }
    }

    /** A new, empty directory for a full index. */
    static Path newBuild(Path search) throws IOException {
        Path builds = Files.createDirectories(search.resolve(BUILDS));
        Path dir = Files.createTempDirectory(builds, "index-");
        // Temporary directories are private; a search node running as another user must read the index.
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    /** Makes {@code build} the live index in one atomic step and removes all but it and the one before. */
    static void swap(Path search, Path build) throws IOException {
        Path link = search.resolve(".current-" + ProcessHandle.current().pid());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, search.relativize(build));
        Files.move(link, search.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        List<Path> older;
        try (Stream<Path> s = Files.list(search.resolve(BUILDS))) {
            older = s.filter(p -> !p.equals(build)).sorted(Comparator.comparing(IndexFiles::modified).reversed()).toList();
        }
        // The one before stays: a search node may still be reading it, and it is the rollback.
        for (Path old : older.subList(Math.min(1, older.size()), older.size())) {
            FileTrees.delete(old);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }


    /** The size in bytes of the files of an index directory. */
    public static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
