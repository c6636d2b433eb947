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

    PageLinks(@Value("${laituri.site.base-url}") String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    Page.Frame of(SiteModel site, LiveVariant page) {
        Language current = site.language(page.language());
        Map<Language, LiveVariant> translations = site.translations(page.key());
        List<Page.Alternate> alternates = new ArrayList<>();
        Set<String> hreflangs = new HashSet<>();
        translations.forEach((language, version) -> {
            if (hreflangs.add(language.htmlLang())) {
                alternates.add(new Page.Alternate(language.htmlLang(), absolute(site.url(version))));
            }
        });
        Optional.ofNullable(translations.get(site.defaultLanguage()))
                .ifPresent(v -> alternates.add(new Page.Alternate("x-default", absolute(site.url(v)))));
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
        return new Page.Frame(absolute(site.url(page)), site.home(current), List.copyOf(alternates), switcher,
                plain, standard, footer(site, ACCESSIBILITY_STATEMENT, current), footer(site, PRIVACY_NOTICE, current), true);
    }

    /** A language's home: its alternates are the other languages' homes. */
    Page.Frame ofHome(SiteModel site, Language current) {
        List<Page.Alternate> alternates = new ArrayList<>();
        Set<String> hreflangs = new HashSet<>();
        for (Language l : site.languages()) {
            if (hreflangs.add(l.htmlLang())) {
                alternates.add(new Page.Alternate(l.htmlLang(), absolute(site.home(l))));
            }
        }
        alternates.add(new Page.Alternate("x-default", absolute("/")));
        List<Page.LanguageLink> switcher = site.languages().stream()
                .map(l -> new Page.LanguageLink(l.name(), l.htmlLang(), site.home(l), l.equals(current)))
                .toList();
        String plain = site.languages().stream()
                .filter(l -> l.adaptation() && l.source().equals(Optional.of(current.code())))
                .map(site::home).findFirst().orElse(null);
        String standard = current.adaptation() ? current.source().map(s -> site.home(site.language(s))).orElse(null) : null;
        return new Page.Frame(absolute(site.home(current)), site.home(current), List.copyOf(alternates), switcher,
                plain, standard, footer(site, ACCESSIBILITY_STATEMENT, current), footer(site, PRIVACY_NOTICE, current), false);
    }

    /** The site root, which is the x-default of the homes. */
    Page.Frame ofRoot(SiteModel site) {
        Page.Frame home = ofHome(site, site.defaultLanguage());
        return new Page.Frame(absolute("/"), home.home(), home.alternates(), home.languages(), null, null,
                home.accessibility(), home.privacy(), false);
    }

    /**
     * A page each language has its own version of (page 1 of the blog index, the search page), where
     * {@code versionIn} gives a language's: alternates, switcher and plain-language links lead to them.
     */
    Page.Frame ofListing(SiteModel site, Language current, Function<Language, String> versionIn) {
        List<Page.Alternate> alternates = new ArrayList<>();
        Set<String> hreflangs = new HashSet<>();
        for (Language l : site.languages()) {
            if (hreflangs.add(l.htmlLang())) {
                alternates.add(new Page.Alternate(l.htmlLang(), absolute(versionIn.apply(l))));
            }
        }
        alternates.add(new Page.Alternate("x-default", absolute(versionIn.apply(site.defaultLanguage()))));
        String plain = site.languages().stream()
                .filter(l -> l.adaptation() && l.source().equals(Optional.of(current.code())))
                .map(versionIn).findFirst().orElse(null);
        String standard = current.adaptation() ? current.source().map(s -> versionIn.apply(site.language(s))).orElse(null) : null;
        return new Page.Frame(absolute(versionIn.apply(current)), site.home(current), List.copyOf(alternates),
                switcher(site, current, versionIn), plain, standard, footer(site, ACCESSIBILITY_STATEMENT, current),
                footer(site, PRIVACY_NOTICE, current), false);
    }

    /**
     * A page only its language has (a tag's listing, a later page of a listing): no alternates; the switcher
     * leads to {@code elsewhere} of the other languages.
     */
    Page.Frame ofOwn(SiteModel site, Language current, String path, Function<Language, String> elsewhere) {
        return new Page.Frame(absolute(path), site.home(current), List.of(),
                switcher(site, current, l -> l.equals(current) ? path : elsewhere.apply(l)),
                null, null, footer(site, ACCESSIBILITY_STATEMENT, current), footer(site, PRIVACY_NOTICE, current), false);
    }

    /** A language's 404 page: served at any address, so it names no canonical URL and no alternates. */
    Page.Frame ofNotFound(SiteModel site, Language current) {
        return new Page.Frame(null, site.home(current), List.of(), switcher(site, current, site::home), null, null,
                footer(site, ACCESSIBILITY_STATEMENT, current), footer(site, PRIVACY_NOTICE, current), false);
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

    private String absolute(String path) {
        return baseUrl + path;
    }
}
