package fi.laituri.markdown;

import java.util.Optional;

/**
 * How a body's {@code media:<id>} references become HTML: {@code ![alt](media:<id>)} an image the resolver writes
 * whole (already escaped: its alt text comes from the file's own texts, not the body), {@code [text](media:<id>)} a
 * link to the file with words after its text (its type and size). An id the resolver does not know keeps its text
 * and loses its target; the resolver is told, so it can report it.
 */
public interface MediaLinks {

    /** No file is known: every reference loses its target. */
    MediaLinks NONE = new MediaLinks() {
        @Override
        public Optional<String> image(String id) {
            return Optional.empty();
        }

        @Override
        public Optional<Target> link(String id) {
            return Optional.empty();
        }
    };

    String SCHEME = "media:";

    /** Safe HTML showing the image, or empty when the id names no image. */
    Optional<String> image(String id);

    /** Where a link to the file goes and what the link adds to its text, or empty when the id names no file. */
    Optional<Target> link(String id);

    /** {@code suffix} follows the link's own text inside the link, e.g. " (PDF, 1,2 MB)". */
    record Target(String url, String suffix) {
    }
}
