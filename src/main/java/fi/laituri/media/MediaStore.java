package fi.laituri.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where the bytes of uploaded files live, by their SHA-256 (lowercase hex): the same bytes are kept once. The disk
 * implementation keeps them under the data directory; an S3-compatible object store can take its place by
 * implementing these four operations (keys {@code media/<sha256>}) and replacing the {@link DiskMediaStore} bean.
 */
public interface MediaStore {

    /** Keeps the checked file {@code source} (a temporary file, moved or copied away) under its hash, unless kept already. */
    void put(String sha256, Path source) throws IOException;

    boolean contains(String sha256);

    InputStream open(String sha256) throws IOException;

    void delete(String sha256) throws IOException;
}
