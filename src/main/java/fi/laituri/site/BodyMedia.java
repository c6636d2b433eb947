package fi.laituri.site;

import fi.laituri.language.Language;
import fi.laituri.language.Languages;
import fi.laituri.markdown.MediaLinks;
import fi.laituri.markdown.MediaResolver;
import fi.laituri.media.SiteMedia;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;

/**
 * The {@code media:} references of one body shown outside the build, with the same markup as the site's pages (alt
 * text in the language, type and size on links): the public API points at the site's files, the editorial API at
 * its download route, a preview at its own link's files, which exist before anything is published.
 */
@Singleton
public class BodyMedia implements MediaResolver {

    private final SiteMedia media;
    private final SiteMessages messages;
    private final Languages languages;
    private final String baseUrl;

    BodyMedia(SiteMedia media, SiteMessages messages, Languages languages,
              @Value("${laituri.site.base-url}") String baseUrl) {
        this.media = media;
        this.messages = messages;
        this.languages = languages;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    @Override
    public MediaLinks published(String body, String language) {
        return links(body, language, SiteMedia.Addresses.under(baseUrl));
    }

    @Override
    public MediaLinks editorial(String body, String language) {
        return links(body, language, SiteMedia.Addresses.EDITORIAL);
    }

    /** For the preview at {@code previewPath} ({@code /preview/<token>}), which serves the files under it. */
    public MediaLinks preview(String body, String language, String previewPath) {
        return links(body, language, SiteMedia.Addresses.under(previewPath));
    }

    /** The file at {@code path} ({@code /media/...}) if {@code body} names it. */
    public Optional<SiteMedia.PublishedFile> file(String body, String path) {
        return media.snapshot(body).at(path);
    }

    private MediaLinks links(String body, String language, SiteMedia.Addresses at) {
        // A reference that resolves to nothing keeps its text; the site build is where such problems are reported.
        return media.snapshot(body).links(language, words(language), problem -> { }, at);
    }

    /** The words a document link adds in a language, from its messages. */
    SiteMedia.Words words(String language) {
        Map<String, String> words = messages.of(language);
        String htmlLang = languages.find(language).map(Language::htmlLang).orElse(language);
        return new SiteMedia.Words(Language.locale(htmlLang), words.getOrDefault("mediaMegabytes", "MB"),
                words.getOrDefault("mediaKilobytes", "kB"));
    }
}
