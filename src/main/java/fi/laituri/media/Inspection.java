package fi.laituri.media;

import fi.laituri.DomainException;
import jakarta.inject.Singleton;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MimeTypes;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Decides what a received file is from its bytes alone (Tika's magic numbers, then each format's own structure), and
 * refuses what the site must not publish: another type than its name says or an executable ({@code 415}), an empty or
 * truncated file, an image of more pixels than may be decoded, or an archive that expands far beyond its size
 * ({@code 400}); bytes after a format's end (a polyglot) are a {@code 415}.
 */
@Singleton
class Inspection {

    /** What a received file is. {@code width} and {@code height} are null for documents; an SVG's are CSS pixels. */
    record Result(FileKind kind, Integer width, Integer height) {
    }

    private static final byte[] PNG_END = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};
    private static final int MAX_ZIP_ENTRIES = 5_000;

    private final Detector detector = MimeTypes.getDefaultMimeTypes();
    private final MediaSettings settings;
    private final SvgCheck svg = new SvgCheck();

    Inspection(MediaSettings settings) {
        this.settings = settings;
    }

    Result inspect(Path file, String fileName) {
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw DomainException.invalid("file", "the file is empty");
            }
            String detected;
            try (InputStream in = TikaInputStream.get(file)) {
                // No name in the metadata: the bytes alone decide.
                detected = detector.detect(in, new Metadata()).getBaseType().toString();
            }
            Result result = switch (detected) {
                case "image/jpeg" -> jpeg(file, size);
                case "image/png" -> png(file, size);
                case "image/webp" -> webp(file, size);
                case "image/svg+xml" -> {
                    SvgCheck.Size drawn = svg.check(file);
                    yield new Result(FileKind.SVG, drawn.width(), drawn.height());
                }
                case "application/pdf" -> pdf(file, size);
                case "application/zip", "application/x-tika-ooxml", "application/vnd.oasis.opendocument.text",
                     "application/x-tika-msoffice" -> zipDocument(file, size);
                default -> throw DomainException.unsupportedType(refusal(detected));
            };
            String ending = ending(fileName);
            if (!result.kind().endings.contains(ending)) {
                throw DomainException.unsupportedType("the file is " + result.kind().label + " but its name ends in ."
                        + ending + "; name it ." + result.kind().extension());
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String refusal(String detected) {
        if (detected.contains("executable") || detected.contains("msdownload") || detected.contains("x-sh")
                || detected.contains("java") || detected.contains("elf") || detected.contains("mach-o")) {
            return "executable files (" + detected + ") are not accepted";
        }
        return "files of type " + detected + " are not accepted; send JPEG, PNG, WebP, SVG, PDF, DOCX, XLSX or ODT";
    }

    static String ending(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private Result pixels(FileKind kind, long width, long height) {
        if (width <= 0 || height <= 0) {
            throw DomainException.invalid("file", "the image has no pixels");
        }
        if (width * height > settings.maxPixels()) {
            throw DomainException.invalid("file", "the image is " + width + " × " + height + " pixels; at most "
                    + settings.maxPixels() + " pixels are accepted");
        }
        return new Result(kind, (int) width, (int) height);
    }

    private Result jpeg(Path file, long size) throws IOException {
        byte[] tail = tail(file, size, 2);
        if ((tail[0] & 0xff) != 0xff || (tail[1] & 0xff) != 0xd9) {
            if (contains(file, new byte[]{(byte) 0xff, (byte) 0xd9})) {
                throw DomainException.unsupportedType("the JPEG image has other data after its end (a polyglot file)");
            }
            throw DomainException.invalid("file", "the JPEG image is truncated: it has no end marker");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw DomainException.invalid("file", "the JPEG image cannot be read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                // Only the header is read: the pixels are checked before anything decodes them. The size is the
                // one shown: a photo taken with the camera on its side has its width and height swapped by EXIF.
                boolean turned = Orientation.turnsAQuarter(Orientation.of(file));
                return pixels(FileKind.JPEG, turned ? reader.getHeight(0) : reader.getWidth(0),
                        turned ? reader.getWidth(0) : reader.getHeight(0));
            } catch (IOException | RuntimeException e) {
                if (e instanceof DomainException p) {
                    throw p;
                }
                throw DomainException.invalid("file", "the JPEG image cannot be read: " + e.getMessage());
            } finally {
                reader.dispose();
            }
        }
    }

    private Result png(Path file, long size) throws IOException {
        if (size < 33) {
            throw DomainException.invalid("file", "the PNG image is truncated");
        }
        byte[] head = head(file, 24);
        byte[] tail = tail(file, size, PNG_END.length);
        if (!java.util.Arrays.equals(tail, PNG_END)) {
            if (contains(file, "IEND".getBytes(StandardCharsets.US_ASCII))) {
                throw DomainException.unsupportedType("the PNG image has other data after its end (a polyglot file)");
            }
            throw DomainException.invalid("file", "the PNG image is truncated: it has no IEND chunk");
        }
        return pixels(FileKind.PNG, uint32be(head, 16), uint32be(head, 20));
    }

    private Result webp(Path file, long size) throws IOException {
        byte[] head = head(file, 30);
        long riff = uint32le(head, 4) + 8;
        if (riff > size) {
            throw DomainException.invalid("file", "the WebP image is truncated");
        }
        if (size > riff + (riff % 2)) {
            throw DomainException.unsupportedType("the WebP image has other data after its end (a polyglot file)");
        }
        String chunk = new String(head, 12, 4, StandardCharsets.US_ASCII);
        return switch (chunk) {
            case "VP8X" -> pixels(FileKind.WEBP, uint24le(head, 24) + 1, uint24le(head, 27) + 1);
            case "VP8L" -> {
                long bits = uint32le(head, 21);
                yield pixels(FileKind.WEBP, (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
            }
            case "VP8 " -> pixels(FileKind.WEBP, uint16le(head, 26) & 0x3fff, uint16le(head, 28) & 0x3fff);
            default -> throw DomainException.invalid("file", "the WebP image cannot be read");
        };
    }

    private Result pdf(Path file, long size) throws IOException {
        byte[] head = head(file, 5);
        if (!new String(head, StandardCharsets.US_ASCII).equals("%PDF-")) {
            throw DomainException.unsupportedType("the PDF does not start as a PDF (a polyglot file)");
        }
        String tail = new String(tail(file, size, (int) Math.min(size, 1024)), StandardCharsets.ISO_8859_1);
        if (!tail.contains("%%EOF")) {
            throw DomainException.invalid("file", "the PDF is truncated: it has no end-of-file marker");
        }
        if (tail.contains("PK\u0005\u0006")) {
            throw DomainException.unsupportedType("the PDF is also a ZIP archive (a polyglot file)");
        }
        return new Result(FileKind.PDF, null, null);
    }

    /** DOCX, XLSX and ODT are ZIP archives: their entries say which, and every entry is expanded to count its bytes. */
    private Result zipDocument(Path file, long size) throws IOException {
        byte[] head = head(file, 4);
        if (head[0] != 'P' || head[1] != 'K' || head[2] != 3 || head[3] != 4) {
            throw DomainException.unsupportedType("the archive has other data before it (a polyglot file)");
        }
        long budget = Math.min(100 * size + (1 << 20), 256L << 20);
        long expanded = 0;
        boolean docx = false;
        boolean xlsx = false;
        boolean types = false;
        String mimetype = null;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > MAX_ZIP_ENTRIES) {
                throw DomainException.invalid("file", "the archive has " + zip.size() + " entries; at most " + MAX_ZIP_ENTRIES);
            }
            Enumeration<? extends ZipEntry> entries = zip.entries();
            byte[] buffer = new byte[8192];
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.toLowerCase(Locale.ROOT).endsWith("vbaproject.bin")) {
                    throw DomainException.unsupportedType("documents with macros (executable code) are not accepted");
                }
                docx |= name.equals("word/document.xml");
                xlsx |= name.equals("xl/workbook.xml");
                types |= name.equals("[Content_Types].xml");
                StringBuilder firstBytes = new StringBuilder();
                try (InputStream in = zip.getInputStream(entry)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        expanded += n;
                        if (expanded > budget) {
                            throw DomainException.invalid("file", "the archive expands to more than " + budget
                                    + " bytes (a decompression bomb)");
                        }
                        if (name.equals("mimetype") && firstBytes.length() < 100) {
                            firstBytes.append(new String(buffer, 0, Math.min(n, 100), StandardCharsets.US_ASCII));
                        }
                    }
                }
                if (name.equals("mimetype")) {
                    mimetype = firstBytes.toString().strip();
                }
            }
        } catch (ZipException e) {
            throw DomainException.invalid("file", "the archive is truncated or damaged: " + e.getMessage());
        }
        if (types && docx) {
            return new Result(FileKind.DOCX, null, null);
        }
        if (types && xlsx) {
            return new Result(FileKind.XLSX, null, null);
        }
        if (FileKind.ODT.mediaType.equals(mimetype)) {
            return new Result(FileKind.ODT, null, null);
        }
        throw DomainException.unsupportedType("the ZIP archive is not a DOCX, XLSX or ODT document");
    }

    private static byte[] head(Path file, int n) throws IOException {
        byte[] bytes = new byte[n];
        try (InputStream in = Files.newInputStream(file)) {
            int read = in.readNBytes(bytes, 0, n);
            if (read < n) {
                throw DomainException.invalid("file", "the file is truncated");
            }
        }
        return bytes;
    }

    private static byte[] tail(Path file, long size, int n) throws IOException {
        byte[] bytes = new byte[n];
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(size - n);
            raf.readFully(bytes);
        }
        return bytes;
    }

    private static boolean contains(Path file, byte[] needle) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int kept = 0;
            byte[] window = new byte[buffer.length + needle.length];
            for (int n; (n = in.read(buffer)) > 0; ) {
                System.arraycopy(buffer, 0, window, kept, n);
                int length = kept + n;
                for (int i = 0; i + needle.length <= length; i++) {
                    int j = 0;
                    while (j < needle.length && window[i + j] == needle[j]) {
                        j++;
                    }
                    if (j == needle.length) {
                        return true;
                    }
                }
                kept = Math.min(needle.length - 1, length);
                System.arraycopy(window, length - kept, window, 0, kept);
            }
        }
        return false;
    }

    private static long uint32be(byte[] b, int at) {
        return ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xffL) << 16) | ((b[at + 2] & 0xffL) << 8) | (b[at + 3] & 0xffL);
    }

    private static long uint32le(byte[] b, int at) {
        return ((b[at + 3] & 0xffL) << 24) | ((b[at + 2] & 0xffL) << 16) | ((b[at + 1] & 0xffL) << 8) | (b[at] & 0xffL);
    }

    private static long uint24le(byte[] b, int at) {
        return ((b[at + 2] & 0xffL) << 16) | ((b[at + 1] & 0xffL) << 8) | (b[at] & 0xffL);
    }

    private static long uint16le(byte[] b, int at) {
        return ((b[at + 1] & 0xffL) << 8) | (b[at] & 0xffL);
    }
}
