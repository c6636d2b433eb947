package fi.laituri.media;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The resized copies of an image that the site publishes, made once per file, width and format and kept under
 * {@code <media directory>/variants/}, so later builds reuse them. Re-encoding writes pixels only: EXIF (GPS included)
 * and other metadata of the upload never reach the site, so a JPEG's EXIF orientation is applied to its pixels first.
 * WebP is encoded by Debian's {@code cwebp} ({@code -metadata none}); without it the site has the original format only.
 */
@Singleton
class ImageVariants {

    private static final Logger LOG = LoggerFactory.getLogger(ImageVariants.class);

    private final MediaSettings settings;
    private final MediaStore store;
    private final boolean webp;
    /** Megapixels decoded at once: half the heap, at some 12 bytes a pixel (decoded, turned, scaled copies). */
    private final int budget = (int) Math.max(1, Runtime.getRuntime().maxMemory() / 2 / 12 / 1_000_000);
    private final Semaphore megapixels = new Semaphore(budget, true);
    private final ConcurrentHashMap<String, Object> making = new ConcurrentHashMap<>();

    ImageVariants(MediaSettings settings, MediaStore store) {
        this.settings = settings;
        this.store = store;
        this.webp = cwebpWorks(settings.cwebp());
        if (!webp) {
            LOG.warn("{} (Debian package webp) is not there: the site's images are published without WebP versions",
                    settings.cwebp());
        }
    }

    boolean webp() {
        return webp;
    }

    /** The widths published of an image {@code width} pixels wide: the configured ones below it, and it or the largest. */
    List<Integer> widths(int width) {
        List<Integer> widths = new ArrayList<>();
        int largest = settings.widths().isEmpty() ? width : settings.widths().get(settings.widths().size() - 1);
        for (int w : settings.widths()) {
            if (w < width && w < largest) {
                widths.add(w);
            }
        }
        widths.add(Math.min(width, largest));
        return widths;
    }

    /** The bytes of one variant, made (all widths and formats of the file at once) when not made yet. */
    InputStream open(MediaFile file, int width, String format) throws IOException {
        Path path = path(file.sha256(), width, format);
        if (!Files.exists(path)) {
            make(file);
        }
        return Files.newInputStream(path);
    }

    private Path path(String sha256, int width, String format) {
        return settings.directory().resolve("variants").resolve(sha256 + "-" + width + "." + format);
    }

    /**
     * Each file once (whoever else asks waits and finds it made), several files at once as long as their decoded
     * pixels fit the budget: a large image takes hundreds of megabytes, a photo a few dozen.
     */
    private void make(MediaFile file) throws IOException {
        Object lock = making.computeIfAbsent(file.sha256(), k -> new Object());
        synchronized (lock) {
            try {
                FileKind kind = FileKind.of(file.mediaType()).orElseThrow();
                if (widths(file.width()).stream().allMatch(w -> made(file, kind, w))) {
                    return;
                }
                int cost = (int) Math.min(budget, Math.max(1, (long) file.width() * file.height() / 1_000_000));
                megapixels.acquireUninterruptibly(cost);
                try {
                    makeAll(file, kind);
                } finally {
                    megapixels.release(cost);
                }
            } finally {
                making.remove(file.sha256(), lock);
            }
        }
    }

    private void makeAll(MediaFile file, FileKind kind) throws IOException {
        List<Integer> widths = widths(file.width());
        Path dir = Files.createDirectories(settings.directory().resolve("variants"));
        Path original = Files.createTempFile(dir, "original-", "." + kind.extension());
        try {
            try (InputStream in = store.open(file.sha256())) {
                Files.copy(in, original, StandardCopyOption.REPLACE_EXISTING);
            }
            if (kind == FileKind.WEBP) {
                for (int w : widths) {
                    cwebp(List.of("-resize", String.valueOf(w), "0"), original, path(file.sha256(), w, "webp"));
                }
                return;
            }
            BufferedImage image = ImageIO.read(original.toFile());
            if (image == null) {
                throw new IOException("no reader for " + file.id());
            }
            if (kind == FileKind.JPEG) {
                image = Orientation.upright(image, Orientation.of(original));
            }
            for (int w : widths) {
                int h = Math.max(1, Math.round((float) image.getHeight() * w / image.getWidth()));
                BufferedImage scaled = scaled(image, w, h, kind == FileKind.PNG);
                Path target = path(file.sha256(), w, kind.extension());
                Path tmp = Files.createTempFile(dir, "variant-", "." + kind.extension());
                write(scaled, kind, tmp.toFile());
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                if (webp) {
                    cwebp(List.of(), target, path(file.sha256(), w, "webp"));
                }
            }
        } finally {
            Files.deleteIfExists(original);
        }
    }

    private boolean made(MediaFile file, FileKind kind, int width) {
        boolean original = kind == FileKind.WEBP || Files.exists(path(file.sha256(), width, kind.extension()));
        return original && (!webp || Files.exists(path(file.sha256(), width, "webp")));
    }

    /** Scales down in halving steps, then once more: smooth without the cost of area averaging. */
    private static BufferedImage scaled(BufferedImage image, int width, int height, boolean alpha) {
        int type = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        BufferedImage current = image;
        int w = image.getWidth();
        int h = image.getHeight();
        do {
            w = Math.max(width, w / 2);
            h = Math.max(height, h / 2);
            BufferedImage next = new BufferedImage(w, h, type);
            Graphics2D g = next.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(current, 0, 0, w, h, null);
            g.dispose();
            current = next;
        } while (w != width || h != height);
        return current;
    }

    private static void write(BufferedImage image, FileKind kind, File target) throws IOException {
        if (kind == FileKind.PNG) {
            ImageIO.write(image, "png", target);
            return;
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(target)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.82f);
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private void cwebp(List<String> options, Path source, Path target) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "variant-", ".webp");
        List<String> command = new ArrayList<>(List.of(settings.cwebp(), "-quiet", "-q", "80", "-metadata", "none"));
        command.addAll(options);
        command.addAll(List.of(source.toString(), "-o", tmp.toString()));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("cwebp failed on " + source.getFileName() + ": " + output.strip());
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while encoding WebP", e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean cwebpWorks(String cwebp) {
        try {
            Process process = new ProcessBuilder(cwebp, "-version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
