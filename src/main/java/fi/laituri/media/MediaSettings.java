package fi.laituri.media;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.convert.format.ReadableBytes;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The {@code laituri.media.*} settings. */
@Singleton
public class MediaSettings {

    private final Path directory;
    private final long maxSize;
    private final long maxPixels;
    private final List<Integer> widths;
    private final String cwebp;
    private final String sizes;

    MediaSettings(@Value("${laituri.media.directory:}") String directory,
                  @Value("${laituri.data-dir:data}") String dataDir,
                  @Value("${laituri.media.max-size}") @ReadableBytes long maxSize,
                  @Value("${laituri.media.max-pixels}") long maxPixels,
                  @Value("${laituri.media.widths}") String widths,
                  @Value("${laituri.media.cwebp}") String cwebp,
                  @Value("${laituri.media.sizes}") String sizes) {
        this.sizes = sizes;
        this.directory = (directory.isBlank() ? Path.of(dataDir, "media") : Path.of(directory)).toAbsolutePath().normalize();
        // Earlier versions read the default's nested placeholder as LAITURI_MEDIA_DIR (else "data") plus "/media}".
        EarlierMediaFolder.moveInto(Path.of(directory.isBlank() ? "data" : directory, "media}").toAbsolutePath().normalize(),
                this.directory);
        this.maxSize = maxSize;
        this.maxPixels = maxPixels;
        this.widths = Arrays.stream(widths.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(Integer::valueOf).sorted().toList();
        this.cwebp = cwebp;
    }

    public Path directory() {
        return directory;
    }

    public long maxSize() {
        return maxSize;
    }

    long maxPixels() {
        return maxPixels;
    }

    List<Integer> widths() {
        return widths;
    }

    /** The images' {@code sizes}: how wide the theme shows them, so a browser picks the smallest variant that fills it. */
    String sizes() {
        return sizes;
    }

    String cwebp() {
        return cwebp;
    }
}
