package fi.laituri.site;

import fi.laituri.content.Api;
import fi.laituri.language.Language;
import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;
import java.util.List;

/**
 * One page as the templates see it: everything already looked up, nothing left to query. {@code bodyHtml}
 * is safe HTML from {@link fi.laituri.markdown.Markdown}; every other field is text that the templates
 * escape. The templates format {@code date} in the page's language.
 *
 * @param language the site language's code, which picks the messages
 * @param htmlLang the {@code lang} of the page (selkosuomi pages are {@code fi})
 * @param preview  a draft shown through a preview link: marked as such and kept out of search engines
 */
public record Page(String language, String htmlLang, String title, String summary, String bodyHtml,
                   List<Byline> authors, @Nullable LocalDate date, List<String> tags, boolean preview) {

    /** An author as the byline names them. */
    public record Byline(String name, @Nullable String title, @Nullable String organisation) {
    }

    /** The page of a language version's content as it reads now. */
    public static Page of(Api.VariantView variant, Language language, boolean preview) {
        List<Byline> authors = variant.authors().stream()
                .map(a -> new Byline(a.name(), a.title(), a.organisation()))
                .toList();
        LocalDate date = variant.date() == null ? null : variant.date().toLocalDate();
        return new Page(language.code(), language.htmlLang(), variant.title(), variant.summary(), variant.html(),
                authors, date, variant.tags(), preview);
    }
}
