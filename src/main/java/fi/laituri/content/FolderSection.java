package fi.laituri.content;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A folder of the content folder that another feature owns ({@code media/}: uploaded files and their YAML), imported
 * before the documents (which may name its files) and exported with them, through the same counting and YAML.
 */
public interface FolderSection {

    /** The folder's name under the content folder; the document import leaves it alone. */
    String name();

    void importFrom(Path dir, Tally tally);

    /** Writes the section into {@code dir} and returns every file it holds there; the rest of {@code dir} is deleted. */
    Set<Path> exportTo(Path dir, Tally tally);

    /** How a section reports and writes, as the content folder does for its own files. */
    interface Tally {
        void created();

        void updated();

        void unchanged();

        void problem(Path file, int line, String message);

        /** A YAML map, or empty after reporting the problem. */
        Optional<Map<String, Object>> readYaml(Path file);

        String writeYaml(Map<String, Object> fields);

        /** Writes the bytes unless the file holds them already; counted as written or unchanged. */
        void write(Path file, byte[] bytes);
    }
}
