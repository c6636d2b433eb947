package fi.laituri.site;

import fi.laituri.web.InlineStyles;
import io.pebbletemplates.pebble.PebbleEngine;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The theme's inline CSS ({@code style.peb} and {@code participation-style.peb}, the defaults or a site's
 * overrides) as CSP hash sources: every page carries those style blocks, and the Content-Security-Policy allows it by its SHA-256 and nothing else.
 * The template has no variables, so its output, and the hash, is the same on every page.
 */
@Singleton
class ThemeStyles implements InlineStyles {

    private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);

    private final Set<String> hashSources;

    /** The templates the layout includes whose output is inline CSS: the theme's, then the participation forms'. */
    static final List<String> STYLE_TEMPLATES = List.of("style.peb", "participation-style.peb");

    ThemeStyles(PebbleEngine pebble) {
        StringWriter out = new StringWriter();
        try {
            for (String template : STYLE_TEMPLATES) {
                pebble.getTemplate(template).evaluate(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> hashes = new LinkedHashSet<>();
        Matcher style = STYLE.matcher(out.toString());
        while (style.find()) {
            hashes.add(hashSource(style.group(1)));
        }
        // In the templates' order, so that the policy reads the same at every start.
        this.hashSources = Collections.unmodifiableSet(hashes);
    }

    static String hashSource(String css) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(css.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Set<String> hashSources() {
        return hashSources;
    }
}
