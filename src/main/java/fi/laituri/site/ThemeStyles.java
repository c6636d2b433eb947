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
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The theme's inline CSS ({@code style.peb}, the default or a site's override) as CSP hash sources: every page
 * carries that one style block, and the Content-Security-Policy allows it by its SHA-256 and nothing else.
 * The template has no variables, so its output, and the hash, is the same on every page.
 */
@Singleton
class ThemeStyles implements InlineStyles {

    private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);

    private final Set<String> hashSources;

    ThemeStyles(PebbleEngine pebble) {
        StringWriter out = new StringWriter();
        try {
            pebble.getTemplate("style.peb").evaluate(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> hashes = new LinkedHashSet<>();
        Matcher style = STYLE.matcher(out.toString());
        while (style.find()) {
            hashes.add(hashSource(style.group(1)));
        }
        this.hashSources = Set.copyOf(hashes);
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
