package fi.laituri.site;

import fi.laituri.content.Api;
import fi.laituri.content.PublicContent.LiveVariant;
import fi.laituri.language.Language;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What is live, taken once at the start of a build, with the lookups every renderer needs: the
 * site's languages, each live version, its translations and URL. Immutable; renderers only read it.
 *
 * @param baseUrl where the public site is served ({@code laituri.site.base-url}), for the absolute URLs
 *                of feeds, sitemaps and robots.txt
 */
public record SiteModel(List<Language> languages, Language defaultLanguage, List<LiveVariant> variants,
                        Map<String, Api.AuthorView> authors, String baseUrl) {

    public SiteModel {
        List<Language> configured = List.copyOf(languages);
        languages = configured;
        variants = variants.stream()
                .filter(v -> configured.stream().anyMatch(l -> l.code().equals(v.language())))
                .sorted(Comparator.comparing(LiveVariant::key).thenComparing(LiveVariant::language))
                .toList();
        authors = Map.copyOf(authors);
        baseUrl = baseUrl.replaceAll("/+$", "");
    }

    public Language language(String code) {
        return languages.stream().filter(l -> l.code().equals(code)).findFirst().orElseThrow();
    }

    /** The live version of a document in a language. */
    public Optional<LiveVariant> find(String key, String language) {
        return variants.stream().filter(v -> v.key().equals(key) && v.language().equals(language)).findFirst();
    }

    /**
     * A document's page for readers of a language: its version in that language, else the default
     * language's (for pages every language links to, such as the accessibility statement).
     */
    public Optional<LiveVariant> findOrDefault(String key, String language) {
        return find(key, language).or(() -> find(key, defaultLanguage.code()));
    }

    /** The live versions of a document, in the site's language order. */
    public Map<Language, LiveVariant> translations(String key) {
        Map<Language, LiveVariant> out = new LinkedHashMap<>();
        for (Language l : languages) {
            find(key, l.code()).ifPresent(v -> out.put(l, v));
        }
        return out;
    }

    /** A language's live versions, newest first (undated ones last, then by key). */
    public List<LiveVariant> inLanguage(String language) {
        return variants.stream().filter(v -> v.language().equals(language))
                .sorted(Comparator.comparing((LiveVariant v) -> v.date() == null ? "" : v.date().toInstant().toString())
                        .reversed().thenComparing(LiveVariant::key))
                .collect(Collectors.toList());
    }

    public String url(LiveVariant v) {
        return home(language(v.language())) + v.slug() + "/";
    }

    public String home(Language language) {
        return "/" + language.prefix() + "/";
    }

    /** A site path ({@code /fi/slug/}) as an absolute URL. */
    public String absolute(String path) {
        return baseUrl + path;
    }
}
