package fi.laituri.media;

import fi.laituri.DomainException;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Receives an upload into a temporary file, hashing it on the way (never holding it whole in memory), checks it, and
 * hands it to the {@link MediaStore}. Whatever goes wrong, the temporary file is gone when this returns.
 */
@Singleton
class Uploads {

    /** A received and checked file, kept in the store. */
    record Received(String sha256, long size, String fileName, Inspection.Result inspected) {
    }

    static final int MAX_NAME = 200;

    private final MediaSettings settings;
    private final Inspection inspection;
    private final MediaStore store;

    Uploads(MediaSettings settings, Inspection inspection, MediaStore store) {
        this.settings = settings;
        this.inspection = inspection;
        this.store = store;
    }

    Received receive(String fileName, InputStream in) {
        String name = checkedName(fileName);
        Path temp = null;
        try {
            Path dir = Files.createDirectories(settings.directory().resolve("tmp"));
            temp = Files.createTempFile(dir, "upload-", ".part");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size = 0;
            try (OutputStream out = Files.newOutputStream(temp)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = read(in, buffer)) > 0; ) {
                    size += n;
                    if (size > settings.maxSize()) {
                        throw DomainException.tooLarge("the file is larger than " + settings.maxSize() + " bytes");
                    }
                    sha.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            Inspection.Result inspected = inspection.inspect(temp, name);
            String hash = HexFormat.of().formatHex(sha.digest());
            store.put(hash, temp);
            return new Received(hash, size, name, inspected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    temp.toFile().deleteOnExit();
                }
            }
        }
    }

    /** A read that fails because the client went away is the client's doing: a 400, not a 500. */
    private static int read(InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException | RuntimeException e) {
            throw DomainException.invalid("file", "the upload was cut off before its end");
        }
    }

    /** A plain file name: no folders, no control characters, not hidden, of reasonable length, with an ending. */
    static String checkedName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            throw DomainException.invalid("file", "the file has no name; send it with a filename");
        }
        String name = fileName.strip();
        if (name.length() > MAX_NAME) {
            throw DomainException.invalid("file", "the file name is " + name.length() + " characters; at most " + MAX_NAME);
        }
        if (name.contains("/") || name.contains("\\") || name.contains(":") || name.startsWith(".")
                || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw DomainException.invalid("file", "the file name must be a plain name, without folders, a leading dot"
                    + " or control characters");
        }
        if (Inspection.ending(name).isEmpty()) {
            throw DomainException.invalid("file", "the file name needs an ending such as .pdf or .jpg");
        }
        return name;
    }
}
