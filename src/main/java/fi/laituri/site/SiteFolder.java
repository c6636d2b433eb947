package fi.laituri.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Which copy of the site a folder holds, by an id kept in it ({@code <site>/.laituri-site}). Instances that build into
 * one folder (on one machine, or on shared storage) find the same id, so they take turns under one build lock and
 * share one outbox position: each change is built once. An instance with a folder of its own (one per machine) gets
 * an id of its own, so it builds every change into its folder too, and no folder misses a change another built.
 */
final class SiteFolder {

    private static final String FILE = ".laituri-site";

    private SiteFolder() {
    }

    static String id(Path root) {
        Path file = root.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(root);
                Path mine = root.resolve(FILE + "." + UUID.randomUUID());
                Files.writeString(mine, UUID.randomUUID() + "\n", StandardCharsets.UTF_8);
                try {
                    // A link, not a rename: of several instances starting at once, exactly one id wins.
                    Files.createLink(file, mine);
                } catch (FileAlreadyExistsException e) {
                    // another instance made it first; use its id
                } finally {
                    Files.delete(mine);
                }
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("the site folder " + root + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** The outbox consumer of the builds of this folder. */
    static String consumer(Path root) {
        return "site:" + id(root);
    }
}
