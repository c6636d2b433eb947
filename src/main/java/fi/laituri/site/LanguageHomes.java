package fi.laituri.site;

import fi.laituri.content.PublicContent.LiveVariant;
import fi.laituri.language.Language;
import fi.laituri.markdown.Markdown;
import fi.laituri.markdown.MediaLinks;
import fi.laituri.media.SiteMedia;
import fi.laituri.markdown.Unrenderable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each language's home page: the introduction an editor writes as the document {@link SiteModel#HOME}, the pages
 * the editor features there, then the newest of what is live in the language, by when it was published; and the
 * site root, which sends readers on.
 *
 * <p>The home document's body is the introduction, except for its list items that are a {@code doc:} link and
 * nothing else ({@code - [any text](doc:partnership-goals)}): those are the featured pages, in their order, each
 * shown with its own title, summary and date.
 */
@Singleton
class LanguageHomes implements SiteRenderer {

    private static final Pattern FEATURED = Pattern.compile("^\\s*[-*+]\\s+\\[[^\\]]*\\]\\(doc:([^)\\s]+)\\)\\s*$");

    private final Templates templates;
    private final PageLinks links;
    private final Markdown markdown;
    private final Listings listings;

    /** The newest pages a home lists; the rest are a click away in the blog index, the tag pages and search. */
    static final int LATEST = 10;

    private final SiteMedia media;
    private final BodyMedia bodyMedia;

    LanguageHomes(Templates templates, PageLinks links, Markdown markdown, Listings listings, SiteMedia media,
                  BodyMedia bodyMedia) {
        this.templates = templates;
        this.links = links;
        this.markdown = markdown;
        this.listings = listings;
        this.media = media;
        this.bodyMedia = bodyMedia;
    }

    @Override
    public List<PlannedFile> plan(SiteModel site, List<String> warnings) {
        List<PlannedFile> files = new ArrayList<>();
        SiteMedia.Snapshot library = site.homeContents().stream().anyMatch(site::namesMedia)
                ? media.snapshot() : null;
        for (Language language : site.languages()) {
            Map<String, Object> model = new HashMap<>();
            Optional<LiveVariant> home = site.homeContent(language.code());
            List<Listings.Entry> featured = new ArrayList<>();
            String intro = home.map(h -> introduction(site, h, featured, warnings, library)).orElse(null);
            model.put("title", home.map(LiveVariant::title).orElse(null));
            model.put("summary", home.map(LiveVariant::summary).orElse(""));
            model.put("intro", intro);
            model.put("featured", featured);
            model.put("items", site.inLanguage(language.code()).stream().limit(LATEST)
                    .map(v -> listings.entry(site, v)).toList());
            model.put("feed", site.home(language) + "feed.xml");
            model.put("frame", links.ofHome(site, language));
            files.add(templates.plan(site.home(language) + "index.html", "home.peb", language, model));
        }
        files.add(templates.plan("/index.html", "root.peb", site.defaultLanguage(),
                Map.of("home", site.home(site.defaultLanguage()), "languages", PageLinks.homes(site), "frame", links.ofRoot(site))));
        return files;
    }

    /** The introduction's HTML; its featured pages go into {@code featured}, a missing one into the warnings. */
    private String introduction(SiteModel site, LiveVariant home, List<Listings.Entry> featured, List<String> warnings,
                                SiteMedia.Snapshot library) {
        StringBuilder text = new StringBuilder();
        int line = 0;
        for (String l : home.body().split("\n", -1)) {
            line++;
            Matcher m = FEATURED.matcher(l);
            if (m.matches()) {
                Optional<LiveVariant> page = site.find(m.group(1), home.language());
                if (page.isPresent()) {
                    featured.add(listings.entry(site, page.get()));
                } else {
                    warnings.add(home.key() + " (" + home.language() + "), line " + line + ": the featured page doc:"
                            + m.group(1) + " names no published " + home.language() + " document");
                }
            } else {
                text.append(l).append('\n');
            }
        }
        try {
            String where = home.key() + " (" + home.language() + "): ";
            return markdown.toHtml(text.toString(), key -> site.find(key, home.language()).map(site::url),
                    link -> warnings.add(where + "the link to doc:" + link.key()
                            + " names no published " + home.language() + " document"),
                    library == null ? MediaLinks.NONE
                            : library.links(home.language(), bodyMedia.words(home.language()), problem -> warnings.add(where + problem)));
        } catch (Unrenderable e) {
            warnings.add(home.key() + " (" + home.language() + "): " + e.getMessage() + "; the home shows no introduction");
            return null;
        }
    }
}
