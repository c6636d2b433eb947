package fi.laituri.markdown;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * URL slugs: lowercase ASCII letters, digits and single hyphens. Finnish and Swedish letters are
 * transliterated (ä→a, ö→o, å→a); anything that could step out of a directory is never a slug.
 */
public final class Slugs {

    public static final int MAX_LENGTH = 100;

    /**
     * Names the site itself uses below each language's home ({@code /fi/blog/}, {@code /fi/404.html}, ...), which
     * no page may take. The names with a dot are no valid slug anyway; they are here so that the list says
     * everything the site claims, also should slugs ever allow dots.
     */
    public static final Set<String> RESERVED = Set.of("blog", "tags", "search", "404.html", "feed.xml", "sitemap.xml");

    private static final Pattern VALID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private Slugs() {
    }

    public static boolean isValid(String slug) {
        return slug != null && slug.length() <= MAX_LENGTH && VALID.matcher(slug).matches();
    }

    /** Whether the site keeps this name for its own pages (see {@link #RESERVED}). */
    public static boolean isReserved(String slug) {
        return RESERVED.contains(slug);
    }

    /**
     * The n-th alternative to a slug that is taken: {@code base-n}, with the base shortened (and no
     * hyphen left dangling at the cut) so that the result is still a valid slug.
     */
    public static String numbered(String base, int n) {
        String suffix = "-" + n;
        String head = base.substring(0, Math.min(base.length(), MAX_LENGTH - suffix.length())).replaceAll("-+$", "");
        return head + suffix;
    }

    /** A slug for a title; empty when the title has no letters or digits at all. */
    public static String fromTitle(String title) {
        String ascii = Normalizer.normalize(title.replace("ß", "ss").replace("æ", "ae").replace("ø", "o")
                        .replace("Æ", "Ae").replace("Ø", "O"), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > MAX_LENGTH) {
            slug = slug.substring(0, MAX_LENGTH);
            int cut = slug.lastIndexOf('-');
            slug = cut > 0 ? slug.substring(0, cut) : slug;
        }
        return slug;
    }
}
