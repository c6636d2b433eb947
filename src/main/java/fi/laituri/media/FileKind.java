package fi.laituri.media;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** The kinds of file Laituri takes, with the name endings that may go with them and the label links show. */
enum FileKind {
    JPEG("image/jpeg", "JPEG", Set.of("jpg", "jpeg")),
    PNG("image/png", "PNG", Set.of("png")),
    WEBP("image/webp", "WebP", Set.of("webp")),
    SVG("image/svg+xml", "SVG", Set.of("svg")),
    PDF("application/pdf", "PDF", Set.of("pdf")),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX", Set.of("docx")),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX", Set.of("xlsx")),
    ODT("application/vnd.oasis.opendocument.text", "ODT", Set.of("odt"));

    final String mediaType;
    final String label;
    final Set<String> endings;

    FileKind(String mediaType, String label, Set<String> endings) {
        this.mediaType = mediaType;
        this.label = label;
        this.endings = endings;
    }

    static Optional<FileKind> of(String mediaType) {
        return Arrays.stream(values()).filter(k -> k.mediaType.equals(mediaType)).findFirst();
    }

    boolean isImage() {
        return mediaType.startsWith("image/");
    }

    /** Images the build resizes; an SVG scales by itself and is published as it is. */
    boolean isRaster() {
        return isImage() && this != SVG;
    }

    String extension() {
        return this == JPEG ? "jpg" : endings.iterator().next();
    }
}
