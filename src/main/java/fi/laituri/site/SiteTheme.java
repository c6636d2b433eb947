package fi.laituri.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a site changes of the theme without editing its templates: the theme's colours ({@code laituri.site.colours},
 * each a CSS custom property of {@code style.peb}) and its logo ({@code laituri.site.logo}, a file; else
 * {@code logo.svg} of the templates folder or of the jar's theme). The templates see it as {@code theme}: the
 * colours that are overridden, and the logo's address on the site. The logo's text alternative is the
 * {@code logoAlt} message of each language.
 *
 * <p>The theme's own files (the logo, {@code favicon.ico}, {@code icon.svg}, {@code apple-touch-icon.png}) come,
 * like templates, from the templates folder when it has them, else from the jar.
 */
public final class SiteTheme {

    /** The colours {@code style.peb} declares, which a site may override. */
    static final Set<String> COLOURS = Set.of("text", "muted", "link", "link-hover", "accent", "line", "band", "focus",
            "brand", "on-brand");
    /** A colour as CSS reads it, and nothing that could end the style sheet or the declaration. */
    private static final Pattern COLOUR = Pattern.compile("#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
    private static final Map<String, String> LOGO_TYPES = Map.of("svg", "svg", "png", "png", "jpg", "jpg",
            "jpeg", "jpg", "webp", "webp");
    /** The theme's files served at the site's root, besides the logo. */
    static final List<String> ICONS = List.of("favicon.ico", "icon.svg", "apple-touch-icon.png");

    private final Path templates;
    private final Map<String, String> colours;
    private final Optional<Path> logo;
    private final String logoPath;

    SiteTheme(Path templates, Map<String, String> colours, String logo) {
        this.templates = templates;
        Map<String, String> checked = new TreeMap<>();
        colours.forEach((name, value) -> {
            // An environment variable (LAITURI_SITE_COLOURS_LINK_HOVER) reaches here as link.hover or link-hover.
            String key = name.toLowerCase(Locale.ROOT).replace('.', '-').replace('_', '-');
            if (!COLOURS.contains(key)) {
                throw new IllegalArgumentException("laituri.site.colours." + name + " is no colour of the theme; it has "
                        + new java.util.TreeSet<>(COLOURS));
            }
            if (value == null || !COLOUR.matcher(value.trim()).matches()) {
                throw new IllegalArgumentException("laituri.site.colours." + name + " must be a colour such as #0a4f9c, not "
                        + value);
            }
            checked.put(key, value.trim());
        });
        this.colours = Map.copyOf(checked);
        if (logo == null || logo.isBlank()) {
            this.logo = Optional.empty();
            this.logoPath = "/logo.svg";
        } else {
            Path file = Path.of(logo).toAbsolutePath().normalize();
            String name = file.getFileName().toString();
            String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
            if (!LOGO_TYPES.containsKey(extension)) {
                throw new IllegalArgumentException("laituri.site.logo must be an SVG, PNG, JPEG or WebP file, not " + logo);
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("laituri.site.logo names no file: " + file);
            }
            this.logo = Optional.of(file);
            this.logoPath = "/logo." + LOGO_TYPES.get(extension);
        }
    }

    /** What the templates see as {@code theme}. */
    Map<String, Object> variables() {
        return Map.of("colours", colours, "logo", logoPath);
    }

    /** The logo's address on the site. */
    String logoPath() {
        return logoPath;
    }

    /** The logo's bytes: the configured file, else the theme's {@code logo.svg}. */
    byte[] logo() {
        return logo.map(SiteTheme::read).orElseGet(() -> file("logo.svg"));
    }

    /** A file of the theme: the templates folder's when it has one, else the jar's. */
    byte[] file(String name) {
        Path own = templates.resolve(name);
        if (Files.isRegularFile(own)) {
            return read(own);
        }
        try (InputStream in = SiteTheme.class.getClassLoader().getResourceAsStream(SiteFactory.THEME + "/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the theme has no " + name + ": add it to " + templates);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the theme's " + name, e);
        }
    }

    /** What a build's output depends on here besides the templates folder, which the build fingerprints itself. */
    String fingerprint() {
        return Fingerprint.of(colours, logoPath, logo.map(p -> (Object) read(p)).orElse("-"));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
