package fi.laituri.media;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Media files where versions before this one put them by mistake: the default of {@code laituri.media.directory},
 * {@code ${LAITURI_MEDIA_DIR:${LAITURI_DATA_DIR:data}/media}}, was read as LAITURI_MEDIA_DIR (else {@code data}, in
 * the working folder, whatever LAITURI_DATA_DIR said) plus {@code /media}}. At start-up their files, variants and
 * uploads are moved into the media folder, so that none of them is left behind.
 */
final class EarlierMediaFolder {

    private static final Logger LOG = LoggerFactory.getLogger(EarlierMediaFolder.class);

    private EarlierMediaFolder() {
    }

    /**
     * Moves what {@code earlier} holds into {@code directory}, merging folders: a file already there under the same
     * name (the store and the variants are named by content) is kept and the earlier one dropped only if it has the
     * same size; otherwise the earlier one stays where it is and is named in a warning. {@code earlier} goes once empty.
     */
    static void moveInto(Path earlier, Path directory) {
        if (!Files.isDirectory(earlier, LinkOption.NOFOLLOW_LINKS) || earlier.equals(directory)) {
            return;
        }
        try {
            Files.createDirectories(directory);
            merge(earlier, directory);
            deleteIfEmpty(earlier);
            LOG.warn("moved the media files of {}, where an earlier version kept them by mistake, to {}", earlier, directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the media files of " + earlier + " to " + directory
                    + " (where this version keeps them; set LAITURI_MEDIA_DIR to choose another folder)", e);
        }
    }

    private static void merge(Path from, Path to) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(from)) {
            for (Path child : children) {
                Path target = to.resolve(child.getFileName().toString());
                if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS) && rename(child, target)) {
                        continue;
                    }
                    Files.createDirectories(target);
                    merge(child, target);
                    deleteIfEmpty(child);
                } else if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(child, target);
                } else if (Files.size(target) == Files.size(child)) {
                    Files.delete(child);
                } else {
                    LOG.warn("kept {}: {} differs from it", child, target);
                }
            }
        }
    }

    /** A folder renamed in one step; false when it cannot be (another file system), and it is merged file by file. */
    private static boolean rename(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            if (children.iterator().hasNext()) {
                return;
            }
        }
        Files.delete(dir);
    }
}
