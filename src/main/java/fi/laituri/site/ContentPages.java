package fi.laituri.site;

import fi.laituri.content.PublicContent.LiveVariant;
import fi.laituri.language.Language;
import fi.laituri.markdown.Markdown;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A page for every live version, with its {@code doc:} links pointing at the same language's pages. */
@Singleton
class ContentPages implements SiteRenderer {

    private final Markdown markdown;
    private final PageRenderer pages;
    private final PageLinks links;

    ContentPages(Markdown markdown, PageRenderer pages, PageLinks links) {
        this.markdown = markdown;
        this.pages = pages;
        this.links = links;
    }

    @Override
    public List<OutputFile> render(SiteModel site, List<String> warnings) {
        List<OutputFile> files = new ArrayList<>();
        for (LiveVariant v : site.unbuildable()) {
            warnings.add(v.key() + " (" + v.language() + "): the slug " + v.slug()
                    + " is reserved for the site's own pages; the page is not built until its slug is changed");
        }
        for (LiveVariant v : site.variants()) {
            Language language = site.language(v.language());
            String body = markdown.toHtml(v.body(),
                    key -> site.find(key, v.language()).map(site::url),
                    link -> warnings.add(v.key() + " (" + v.language() + "), line " + link.line()
                            + ": the link to doc:" + link.key() + " names no published " + v.language() + " document"));
            List<Page.Byline> bylines = v.authors().stream().map(site.authors()::get).filter(Objects::nonNull)
                    .map(a -> new Page.Byline(a.name(), a.title(), a.organisation())).toList();
            Page page = new Page(language.code(), language.htmlLang(), v.title(), v.summary(), body, bylines,
                    v.date(), v.tags().stream().map(t -> new Page.Tag(t, site.tag(language, t, 1))).toList(), false,
                    links.of(site, v));
            files.add(new OutputFile(site.url(v).substring(1) + "index.html",
                    pages.render(page).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return files;
    }
}
