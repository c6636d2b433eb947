package fi.laituri.site;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a built site so that the live one is never half-written: files go into a staging
 * directory, which becomes {@code builds/<content hash>}, and the {@code current} link is then
 * switched to it with one atomic rename. A build killed at any moment leaves {@code current}
 * pointing at the previous, complete site. The same content always lands in the same directory.
 */
@Singleton
class SiteWriter {

    static final String CURRENT = "current";
    static final String BUILDS = "builds";

    /** Writes the files and makes them the live site; returns the build directory. */
    Path publish(Path siteRoot, List<OutputFile> files) {
        Path root = siteRoot.toAbsolutePath().normalize();
        try {
            Path builds = Files.createDirectories(root.resolve(BUILDS));
            Path target = builds.resolve(hash(files));
            if (!Files.isDirectory(target)) {
                Path staging = Files.createTempDirectory(builds, ".staging-");
                // Temporary directories are private; the web server serving the site must read it.
                Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
                for (OutputFile file : files) {
                    Path path = staging.resolve(file.path()).normalize();
                    if (!path.startsWith(staging)) {
                        throw new IllegalStateException("refusing to write outside the site: " + file.path());
                    }
                    Files.createDirectories(path.getParent());
                    Files.write(path, file.bytes());
                }
                try {
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException e) {
                    deleteTree(staging);
                }
            }
            Path link = root.resolve(".current-" + ProcessHandle.current().pid());
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Path.of(BUILDS, target.getFileName().toString()));
            Files.move(link, root.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            removeOldBuilds(builds, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps the live build and, for a quick rollback, the one before it; removes abandoned staging dirs. */
    private static void removeOldBuilds(Path builds, Path live) throws IOException {
        List<Path> others;
        try (Stream<Path> s = Files.list(builds)) {
            others = s.filter(p -> !p.equals(live))
                    .sorted(Comparator.comparing(SiteWriter::modified).reversed())
                    .toList();
        }
        boolean keptPrevious = false;
        for (Path p : others) {
            if (!keptPrevious && !p.getFileName().toString().startsWith(".")) {
                keptPrevious = true;
                continue;
            }
            deleteTree(p);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String hash(List<OutputFile> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.stream().sorted(Comparator.comparing(OutputFile::path)).forEach(f -> {
                sha.update(f.path().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(f.bytes());
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
