package fi.laituri.media;

import fi.laituri.markdown.MediaLinks;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The media library as the site build sees it: read once per build ({@link #snapshot()}), it says what each
 * {@code media:<id>} in a body becomes on a page and which files the site publishes for it, under names made from
 * the file's hash (so they can be cached for a year), {@code /media/<hash>-<width>.<format>} for images and
 * {@code /media/<hash>/<file name>} for documents.
 */
@Singleton
public class SiteMedia {

    private static final Pattern REFERENCE = Pattern.compile("media:([a-z0-9][a-z0-9-]*)");
    /** An image of the media library in Markdown: {@code ![alt](media:slug)}. */
    private static final Pattern IMAGE = Pattern.compile("!\\[[^\\]]*\\]\\(media:([a-z0-9][a-z0-9-]*)\\)");
    /** Part of every published file's fingerprint: a change to how variants are made makes them again. */
    private static final String VARIANTS_VERSION = "1";
    /** Part of every page's media fingerprint: a change to the markup (an SVG's size, 2) renders those pages again. */
    private static final String MARKUP_VERSION = "2";

    private final MediaRepository files;
    private final ImageVariants variants;
    private final MediaStore store;
    private final TransactionOperations<Connection> tx;
    private final MediaSettings settings;

    SiteMedia(MediaRepository files, ImageVariants variants, MediaStore store, TransactionOperations<Connection> tx,
              MediaSettings settings) {
        this.settings = settings;
        this.files = files;
        this.variants = variants;
        this.store = store;
        this.tx = tx;
    }

    public Snapshot snapshot() {
        Map<String, MediaFile> all = tx.executeRead(s -> files.listOrderById().stream()
                .collect(Collectors.toMap(MediaFile::id, Function.identity())));
        return new Snapshot(all);
    }

    /** The files a body names, for a rendering of that body alone (the APIs, a preview). */
    public Snapshot snapshot(String body) {
        Set<String> ids = referenced(body);
        if (ids.isEmpty()) {
            return new Snapshot(Map.of());
        }
        Map<String, MediaFile> named = tx.executeRead(s -> files.findByIdIn(ids).stream()
                .collect(Collectors.toMap(MediaFile::id, Function.identity())));
        return new Snapshot(named);
    }

    /** The ids a body names, in order, each once. */
    public static Set<String> referenced(String body) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = REFERENCE.matcher(body);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** One file the site publishes: its path, what its bytes depend on, its type, and how to read them. */
    public record PublishedFile(String path, String fingerprint, String mediaType, Opener opener) {

        public byte[] bytes() {
            try (InputStream in = opener.open()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Opens the bytes of a file; the caller closes the stream. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    /**
     * Where a rendering points at its files: the site's own paths after {@code prefix} ({@code ""} on the site, its
     * base URL in the public API, the preview link's path in a preview), or, with {@code originals}, each file as
     * uploaded at the editorial API's download route, which serves no resized variants.
     */
    public record Addresses(String prefix, boolean originals) {

        public static final Addresses SITE = new Addresses("", false);
        public static final Addresses EDITORIAL = new Addresses("", true);

        public static Addresses under(String prefix) {
            return new Addresses(prefix, false);
        }
    }

    /** The words a document link adds, from the page language's messages ({@code mediaMegabytes}, {@code mediaKilobytes}). */
    public record Words(Locale locale, String megabytes, String kilobytes) {
    }

    /** The library at one moment; immutable. */
    public final class Snapshot {

        private final Map<String, MediaFile> all;

        private Snapshot(Map<String, MediaFile> all) {
            this.all = all;
        }

        /** What the files a body names look like now: changes when their texts or bytes change. */
        public String fingerprint(String body) {
            StringBuilder state = new StringBuilder(MARKUP_VERSION).append(variants.webp() ? ":webp" : ":-");
            for (String id : referenced(body)) {
                MediaFile f = all.get(id);
                state.append('|').append(id);
                if (f != null) {
                    state.append(':').append(f.sha256()).append(':').append(f.decorative()).append(':')
                            .append(new java.util.TreeMap<>(f.texts())).append(':').append(f.fileName());
                }
            }
            return sha256(state.toString());
        }

        /** The files a set of bodies name that exist; each file published once. */
        public List<PublishedFile> published(Set<String> ids) {
            List<PublishedFile> published = new ArrayList<>();
            Set<String> hashes = new java.util.HashSet<>();
            for (String id : ids) {
                MediaFile f = all.get(id);
                if (f == null) {
                    continue;
                }
                FileKind kind = FileKind.of(f.mediaType()).orElseThrow();
                if (kind.isRaster()) {
                    if (!hashes.add(f.sha256())) {
                        continue;
                    }
                    for (int w : variants.widths(f.width())) {
                        if (kind != FileKind.WEBP) {
                            published.add(new PublishedFile(imagePath(f, w, kind.extension()),
                                    fp(f, w, kind.extension()), kind.mediaType, () -> variants.open(f, w, kind.extension())));
                        }
                        if (variants.webp() || kind == FileKind.WEBP) {
                            published.add(new PublishedFile(imagePath(f, w, "webp"), fp(f, w, "webp"),
                                    FileKind.WEBP.mediaType, () -> variants.open(f, w, "webp")));
                        }
                    }
                } else if (hashes.add(f.sha256() + "/" + f.fileName())) {
                    published.add(new PublishedFile(documentPath(f), fp(f, 0, "file"), f.mediaType(),
                            () -> store.open(f.sha256())));
                }
            }
            return published;
        }

        /** The published file at a site path ({@code /media/...}) among those of this snapshot's files. */
        public Optional<PublishedFile> at(String path) {
            return published(all.keySet()).stream().filter(f -> f.path().equals(path)).findFirst();
        }

        /**
         * How {@code media:} references show on a page in {@code language}; an unknown id, or an image without alt text
         * in the language, is told to {@code problem} (the image then has an empty alt).
         */
        public MediaLinks links(String language, Words words, Consumer<String> problem) {
            return links(language, words, problem, Addresses.SITE);
        }

        /** As {@link #links(String, Words, Consumer)}, pointing at the files where {@code at} says. */
        public MediaLinks links(String language, Words words, Consumer<String> problem, Addresses at) {
            return new MediaLinks() {
                @Override
                public Optional<String> image(String id) {
                    MediaFile f = all.get(id);
                    if (f == null || !f.mediaType().startsWith("image/")) {
                        problem.accept("the image media:" + id + " names no uploaded image");
                        return Optional.empty();
                    }
                    String alt = "";
                    if (!f.decorative()) {
                        MediaText text = f.texts().get(language);
                        if (text == null || !text.hasAlt()) {
                            problem.accept("the image media:" + id + " has no alt text in " + language);
                        } else {
                            alt = text.alt().strip();
                        }
                    }
                    return Optional.of(imageHtml(f, alt, at));
                }

                @Override
                public Optional<Target> link(String id) {
                    MediaFile f = all.get(id);
                    if (f == null) {
                        problem.accept("the link to media:" + id + " names no uploaded file");
                        return Optional.empty();
                    }
                    FileKind kind = FileKind.of(f.mediaType()).orElseThrow();
                    String url = at.originals() ? originalPath(f) : at.prefix() + (kind.isRaster()
                            ? imagePath(f, largest(f), kind == FileKind.WEBP ? "webp" : kind.extension())
                            : documentPath(f));
                    return Optional.of(new Target(url, " (" + kind.label + ", " + size(f.size(), words) + ")"));
                }
            };
        }

        /** The first informative image a body shows, as a site path of its largest variant in a format any reader takes. */
        public Optional<String> openGraphImage(String body) {
            // Most bodies name no media: no search for their images.
            if (!body.contains("media:")) {
                return Optional.empty();
            }
            Matcher m = IMAGE.matcher(body);
            while (m.find()) {
                MediaFile f = all.get(m.group(1));
                if (f != null && !f.decorative() && FileKind.of(f.mediaType()).map(FileKind::isRaster).orElse(false)) {
                    List<Integer> widths = variants.widths(f.width());
                    FileKind kind = FileKind.of(f.mediaType()).orElseThrow();
                    return Optional.of(imagePath(f, widths.get(widths.size() - 1),
                            kind == FileKind.WEBP ? "webp" : kind.extension()));
                }
            }
            return Optional.empty();
        }

        private String imageHtml(MediaFile f, String alt, Addresses at) {
            FileKind kind = FileKind.of(f.mediaType()).orElseThrow();
            String size = f.width() == null ? "" : " width=\"" + f.width() + "\" height=\"" + f.height() + "\"";
            if (at.originals()) {
                return "<img src=\"" + originalPath(f) + "\"" + size + " alt=\"" + escape(alt)
                        + "\" loading=\"lazy\" decoding=\"async\">";
            }
            if (!kind.isRaster()) {
                return "<img src=\"" + at.prefix() + documentPath(f) + "\"" + size + " alt=\"" + escape(alt) + "\">";
            }
            List<Integer> widths = variants.widths(f.width());
            int largest = widths.get(widths.size() - 1);
            int height = Math.max(1, Math.round((float) f.height() * largest / f.width()));
            String sizes = settings.sizes();
            String format = kind == FileKind.WEBP ? "webp" : kind.extension();
            StringBuilder html = new StringBuilder("<picture>");
            if (variants.webp() && kind != FileKind.WEBP) {
                html.append("<source type=\"image/webp\" srcset=\"").append(srcset(f, widths, "webp", at))
                        .append("\" sizes=\"").append(sizes).append("\">");
            }
            html.append("<img src=\"").append(at.prefix()).append(imagePath(f, largest, format)).append("\" srcset=\"")
                    .append(srcset(f, widths, format, at)).append("\" sizes=\"").append(sizes).append("\" width=\"")
                    .append(largest).append("\" height=\"").append(height).append("\" alt=\"").append(escape(alt))
                    .append("\" loading=\"lazy\" decoding=\"async\"></picture>");
            return html.toString();
        }

        private String srcset(MediaFile f, List<Integer> widths, String format, Addresses at) {
            return widths.stream().map(w -> at.prefix() + imagePath(f, w, format) + " " + w + "w")
                    .collect(Collectors.joining(", "));
        }

        private int largest(MediaFile f) {
            List<Integer> widths = variants.widths(f.width());
            return widths.get(widths.size() - 1);
        }
    }

    private static String imagePath(MediaFile f, int width, String format) {
        return "/media/" + f.sha256().substring(0, 16) + "-" + width + "." + format;
    }

    /** The editorial API's download route of a file (see {@code MediaController#file}). */
    static String originalPath(MediaFile f) {
        return "/api/v1/media/" + f.id() + "/file";
    }

    private static String documentPath(MediaFile f) {
        return "/media/" + f.sha256().substring(0, 16) + "/" + f.id() + "." + FileKind.of(f.mediaType()).orElseThrow().extension();
    }

    private static String fp(MediaFile f, int width, String format) {
        return "media:" + VARIANTS_VERSION + ":" + f.sha256() + ":" + width + ":" + format;
    }

    /** Decimal units, as file managers show them: 1,2 MB is 1 200 000 bytes. */
    static String size(long bytes, Words words) {
        NumberFormat number = NumberFormat.getNumberInstance(words.locale());
        if (bytes >= 1_000_000) {
            number.setMinimumFractionDigits(1);
            number.setMaximumFractionDigits(1);
            return number.format(bytes / 1_000_000.0) + " " + words.megabytes();
        }
        return number.format(Math.max(1, Math.round(bytes / 1000.0))) + " " + words.kilobytes();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
