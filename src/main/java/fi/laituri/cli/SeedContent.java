package fi.laituri.cli;

import fi.laituri.FileTrees;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The demo's seed content: the repository's {@code content/}, packaged in the jar (see the pom's resources),
 * so that the jar alone can show a site. Copied out to a folder, as the import reads a folder.
 */
final class SeedContent {

    static final String LOCATION = "fi/laituri/cli/demo-content";

    private SeedContent() {
    }

    /** A new temporary folder holding the seed content; the caller deletes it. */
    static Path extract() throws IOException {
        URL url = SeedContent.class.getClassLoader().getResource(LOCATION);
        if (url == null) {
            throw new IOException("this build has no seed content (" + LOCATION + "); run demo with --content DIR");
        }
        Path target = Files.createTempDirectory("laituri-seed-");
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    copy(jar.provider().getPath(uri), target);
                }
            } else {
                copy(Path.of(uri), target);
            }
            return target;
        } catch (URISyntaxException e) {
            FileTrees.delete(target);
            throw new IOException("cannot read the seed content at " + url + ": " + e.getMessage(), e);
        } catch (IOException e) {
            FileTrees.delete(target);
            throw e;
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path copy = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(p, copy);
                }
            }
        }
    }
}
