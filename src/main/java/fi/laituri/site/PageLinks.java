package fi.laituri.site;

import fi.laituri.content.PublicContent.LiveVariant;
import fi.laituri.language.Language;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@link Page.Frame} of each built page, from the site model: absolute URLs on
 * {@code laituri.site.base-url}, translations, the language switcher and the footer's pages.
 */
@Singleton
class PageLinks {

    /** Translation keys of the pages every page's footer links to (content/pages/&lt;key&gt;/). */
    static final String ACCESSIBILITY_STATEMENT = "accessibility-statement";
    static final String PRIVACY_NOTICE = "privacy-notice";

    private final String baseUrl;
    private final SiteMessages messages;

    PageLinks(@Value("${laituri.site.base-url}") String baseUrl, SiteMessages messages) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.messages = messages;
    }

    Page.Frame of(SiteModel site, LiveVariant page) {
        Language current = site.language(page.language());
        Map<Language, LiveVariant> translations = site.translations(page.key());
        Map<Language, String> versions = new java.util.LinkedHashMap<>();
        translations.forEach((language, version) -> versions.put(language, site.url(version)));
        List<Page.Alternate> alternates = alternates(site, current, versions);
        List<Page.LanguageLink> switcher = site.languages().stream()
                .map(l -> new Page.LanguageLink(l.name(), l.htmlLang(),
                        translations.containsKey(l) ? site.url(translations.get(l)) : site.home(l), l.equals(current)))
                .toList();
        String plain = site.languages().stream()
                .filter(l -> l.adaptation() && l.source().equals(Optional.of(current.code())) && translations.containsKey(l))
                .map(l -> site.url(translations.get(l))).findFirst().orElse(null);
        String standard = current.adaptation()
                ? current.source().flatMap(s -> site.find(page.key(), s)).map(site::url).orElse(null)
                : null;
        return new Page.Frame(absolute(site.url(page)), site.home(current), alternates, switcher,
                plain, standard, footer(site, ACCESSIBILITY_STATEMENT, current), footer(site, PRIVACY_NOTICE, current),
                feedback(site, current), true);
    }

    /**
     * The {@code hreflang} cluster of a page whose versions are {@code versions}: one alternate per language that is
     * not an adaptation (selkosuomi is {@code fi} like standard Finnish, and one {@code hreflang} can name only one
     * page, so plain-language pages are in no cluster), this page's included, and {@code x-default} for the default
     * language's version. A version in an adaptation language lists none; {@link Sitemaps} uses the same rule.
     */
    static List<Page.Alternate> alternates(SiteModel site, Language current, Map<Language, String> versions) {
        if (current.adaptation()) {
            return List.of();
        }
        List<Page.Alternate> alternates = new ArrayList<>();
        Set<String> hreflangs = new HashSet<>();
        versions.forEach((language, path) -> {
            if (!language.adaptation() && hreflangs.add(language.htmlLang())) {
                alternates.add(new Page.Alternate(language.htmlLang(), site.absolute(path)));
            }
        });
        String main = versions.get(site.defaultLanguage());
        if (main != null) {
            alternates.add(new Page.Alternate("x-default", site.absolute(main)));
        }
        return List.copyOf(alternates);
    }

    /** Every site language's version of a page that each language has its own of: its home, its blog index, ... */
    private static Map<Language, String> everyLanguage(SiteModel site, Function<Language, String> versionIn) {
        Map<Language, String> versions = new java.util.LinkedHashMap<>();
        site.languages().forEach(l -> versions.put(l, versionIn.apply(l)));
        return versions;
    }

    /** A language's home: its alternates are the other languages' homes. */
    Page.Frame ofHome(SiteModel site, Language current) {
        List<Page.Alternate> alternates = alternates(site, current, everyLanguage(site, site::home));
        List<Page.LanguageLink> switcher = site.languages().stream()
                .map(l -> new Page.LanguageLink(l.name(), l.htmlLang(), site.home(l), l.equals(current)))
                .toList();
        String plain = site.languages().stream()
                .filter(l -> l.adaptation() && l.source().equals(Optional.of(current.code())))
                .map(site::home).findFirst().orElse(null);
        String standard = current.adaptation() ? current.source().map(s -> site.home(site.language(s))).orElse(null) : null;
        return new Page.Frame(absolute(site.home(current)), site.home(current), alternates, switcher,
                plain, standard, footer(site, ACCESSIBILITY_STATEMENT, current), footer(site, PRIVACY_NOTICE, current),
                feedback(site, current), false);
    }

    /**
     * The site root, which only sends readers on to the default language's home: its canonical URL is that home,
     * and it is in no {@code hreflang} cluster (the homes' {@code x-default} is the default language's home).
     */
    Page.Frame ofRoot(SiteModel site) {
        Page.Frame home = ofHome(site, site.defaultLanguage());
        return new Page.Frame(home.canonical(), home.home(), List.of(), home.languages(), null, null,
                home.accessibility(), home.privacy(), home.feedback(), false);
    }

    /**
     * A page each language has its own version of (page 1 of the blog index, the search page), where
     * {@code versionIn} gives a language's: alternates, switcher and plain-language links lead to them.
     */
    Page.Frame ofListing(SiteModel site, Language current, Function<Language, String> versionIn) {
        List<Page.Alternate> alternates = alternates(site, current, everyLanguage(site, versionIn));
        String plain = site.languages().stream()
                .filter(l -> l.adaptation() && l.source().equals(Optional.of(current.code())))
                .map(versionIn).findFirst().orElse(null);
        String standard = current.adaptation() ? current.source().map(s -> versionIn.apply(site.language(s))).orElse(null) : null;
        return new Page.Frame(absolute(versionIn.apply(current)), site.home(current), alternates,
                switcher(site, current, versionIn), plain, standard, footer(site, ACCESSIBILITY_STATEMENT, current),
                footer(site, PRIVACY_NOTICE, current), feedback(site, current), false);
    }

    /**
     * A page only its language has (a tag's listing, a later page of a listing): no alternates; the switcher
     * leads to {@code elsewhere} of the other languages.
     */
    Page.Frame ofOwn(SiteModel site, Language current, String path, Function<Language, String> elsewhere) {
        return new Page.Frame(absolute(path), site.home(current), List.of(),
                switcher(site, current, l -> l.equals(current) ? path : elsewhere.apply(l)),
                null, null, footer(site, ACCESSIBILITY_STATEMENT, current), footer(site, PRIVACY_NOTICE, current),
                feedback(site, current), false);
    }

    /** A language's 404 page: served at any address, so it names no canonical URL and no alternates. */
    Page.Frame ofNotFound(SiteModel site, Language current) {
        return new Page.Frame(null, site.home(current), List.of(), switcher(site, current, site::home), null, null,
                footer(site, ACCESSIBILITY_STATEMENT, current), footer(site, PRIVACY_NOTICE, current),
                feedback(site, current), false);
    }

    private static List<Page.LanguageLink> switcher(SiteModel site, Language current, Function<Language, String> urlIn) {
        return site.languages().stream()
                .map(l -> new Page.LanguageLink(l.name(), l.htmlLang(), urlIn.apply(l), l.equals(current)))
                .toList();
    }

    /** Every language's home, for a choice of language: its name in itself, its {@code lang} and its URL. */
    static List<Map<String, Object>> homes(SiteModel site) {
        return site.languages().stream()
                .map(l -> Map.<String, Object>of("name", l.name(), "htmlLang", l.htmlLang(), "url", site.home(l)))
                .toList();
    }

    /** What every frame takes from content: the footer's pages. Languages and the base URL go into every fingerprint anyway. */
    static String fingerprint(SiteModel site) {
        return site.fingerprint(ACCESSIBILITY_STATEMENT) + site.fingerprint(PRIVACY_NOTICE);
    }

    private static String footer(SiteModel site, String key, Language language) {
        return site.findOrDefault(key, language.code()).map(site::url).orElse(null);
    }

    /**
     * Where the footer's "give feedback" leads: the one place that decides it. Until the site has a feedback form,
     * that is the feedback section of the accessibility statement (its heading's anchor, {@code feedbackFragment}
     * of the messages); null when there is no statement.
     */
    private String feedback(SiteModel site, Language language) {
        return site.findOrDefault(ACCESSIBILITY_STATEMENT, language.code())
                .map(v -> site.url(v) + messages.of(v.language()).get("feedbackFragment")).orElse(null);
    }

    private String absolute(String path) {
        return baseUrl + path;
    }
}
