package fi.laituri.site;

import fi.laituri.content.Api;
import fi.laituri.language.Language;
import io.micronaut.core.annotation.Nullable;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One page as the templates see it: everything already looked up, nothing left to query. {@code bodyHtml}
 * is safe HTML from {@link fi.laituri.markdown.Markdown}, null for a body it cannot render (the page then
 * says so); every other field is text that the templates escape. The templates format {@code date} in the page's language.
 *
 * @param language the site language's code, which picks the messages
 * @param htmlLang the {@code lang} of the page (selkosuomi pages are {@code fi})
 * @param date     when the content is dated, in the site's time zone
 * @param tags     the content's tags, each linking to its tag page where it has one
 * @param preview  a draft shown through a preview link: marked as such and kept out of search engines
 * @param frame    the links around the content: canonical URL, translations, language switcher, footer
 * @param kind     the document's kind ({@code article}, {@code page}, {@code blog_post}): a post sits below the blog
 * @param statement the facts of the accessibility statement, on the statement's pages only
 * @param discussion readers' comments and the form to add one, for a post that takes them; else null
 */
public record Page(String language, String htmlLang, String title, String summary, String bodyHtml,
                   List<Byline> authors, @Nullable OffsetDateTime date, List<Tag> tags, boolean preview,
                   Frame frame, String kind, @Nullable AccessibilityStatement statement,
                   Discussions.@Nullable Discussion discussion) {

    /** A page of a kind that is no blog post and no statement, without a discussion. */
    public Page(String language, String htmlLang, String title, String summary, String bodyHtml, List<Byline> authors,
                @Nullable OffsetDateTime date, List<Tag> tags, boolean preview, Frame frame) {
        this(language, htmlLang, title, summary, bodyHtml, authors, date, tags, preview, frame, "page", null, null);
    }

    /** An author as the byline names them. */
    public record Byline(String name, @Nullable String title, @Nullable String organisation) {
    }

    /** A tag and its page; a draft's tags have none, nor has a tag without letters or digits. */
    public record Tag(String name, @Nullable String url) {
    }

    /**
     * The links of a page to the rest of the site. URLs are site paths except {@code canonical} and the
     * alternates' {@code href}, which are absolute as search engines need them.
     *
     * @param canonical       absolute URL of this page; null for a preview, which has none
     * @param home            the page's language's home
     * @param alternates      {@code <link rel="alternate" hreflang>}: each live translation once per hreflang, this one included, and x-default
     * @param languages       the language switcher: every site language, linking to this page's version or else its home
     * @param plainLanguage   the plain-language adaptation of this page, on the page it is adapted from
     * @param standardLanguage the page a plain-language page is adapted from
     * @param accessibility   the accessibility statement in the page's language, else the default language's
     * @param privacy         the privacy notice, likewise
     * @param feedback        where the footer's "give feedback" leads
     * @param breadcrumbs     whether the page sits below its home (content pages) rather than being one
     */
    public record Frame(@Nullable String canonical, String home, List<Alternate> alternates,
                        List<LanguageLink> languages, @Nullable String plainLanguage,
                        @Nullable String standardLanguage, @Nullable String accessibility,
                        @Nullable String privacy, @Nullable String feedback, boolean breadcrumbs) {

        /** A draft's frame: no canonical URL, no translations to point at, each language switches to its home. */
        public static Frame ofPreview(List<Language> languages, Language current) {
            List<LanguageLink> switcher = languages.stream()
                    .map(l -> new LanguageLink(l.name(), l.htmlLang(), home(l), l.equals(current)))
                    .toList();
            return new Frame(null, home(current), List.of(), switcher, null, null, null, null, null, true);
        }

        static String home(Language language) {
            return "/" + language.prefix() + "/";
        }
    }

    /** One {@code <link rel="alternate">}: {@code hreflang} is an html lang or {@code x-default}. */
    public record Alternate(String hreflang, String href) {
    }

    /** One entry of the language switcher, in its own language. */
    public record LanguageLink(String name, String htmlLang, String url, boolean current) {
    }

    /** The page of a language version's content as it reads now. */
    public static Page of(Api.VariantView variant, Language language, Frame frame, boolean preview) {
        return of(variant, variant.html(), language, frame, preview);
    }

    /** As {@link #of(Api.VariantView, Language, Frame, boolean)}, with the body's HTML made by the caller. */
    public static Page of(Api.VariantView variant, @Nullable String bodyHtml, Language language, Frame frame,
                          boolean preview) {
        List<Byline> authors = variant.authors().stream()
                .map(a -> new Byline(a.name(), a.title(), a.organisation()))
                .toList();
        return new Page(language.code(), language.htmlLang(), variant.title(), variant.summary(), bodyHtml,
                authors, variant.date(), variant.tags().stream().map(t -> new Tag(t, null)).toList(), preview, frame,
                variant.kind(), null, null);
    }
}
