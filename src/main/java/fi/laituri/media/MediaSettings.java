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

    MediaSettings(@Value("${laituri.media.directory}") String directory,
                  @Value("${laituri.media.max-size}") @ReadableBytes long maxSize,
                  @Value("${laituri.media.max-pixels}") long maxPixels,
                  @Value("${laituri.media.widths}") String widths,
                  @Value("${laituri.media.cwebp}") String cwebp,
                  @Value("${laituri.media.sizes}") String sizes) {
        this.sizes = sizes;
        this.directory = Path.of(directory).toAbsolutePath().normalize();
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
