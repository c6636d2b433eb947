package fi.laituri.site;

import fi.laituri.content.PublicContent.LiveVariant;
import fi.laituri.language.Language;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each language's blog index, newest first, in pages: {@code /fi/blog/}, then {@code /fi/blog/2/}, ... A
 * language without posts still has its (empty) first page, which the header of every page links to.
 */
@Singleton
class BlogIndex implements SiteRenderer {

    private final Templates templates;
    private final PageLinks links;
    private final Listings listings;

    BlogIndex(Templates templates, PageLinks links, Listings listings) {
        this.templates = templates;
        this.links = links;
        this.listings = listings;
    }

    /**
     * A page of the index as a plan made it: its entries, how many pages there were and its fingerprint. With the footer
     * of that plan, by path.
     */
    private record Planned(String file, List<LiveVariant> entries, int pages, String fingerprint) {
    }

    private record Memo(String footer, Map<String, Planned> pages) {
    }

    private final PlanMemos<Memo> memos = new PlanMemos<>();

    /**
     * Each language's blog index, a page per {@link Listings#pages} posts, newest first. Where the model was made from
     * one planned with the same footer and authors, a page with the very versions it had then, none of them changed,
     * of as many pages, is that plan's page: its fingerprint is taken over, and it is marked carried.
     */
    @Override
    public List<PlannedFile> plan(SiteModel site, List<String> warnings) {
        return plan(site, (java.util.Set<String>) null).files();
    }

    /** As {@link #plan}, carried pages left out of the list, but for those {@code lookingUp} names. */
    @Override
    public Plan planChange(SiteModel site, List<String> warnings, java.util.Set<String> lookingUp) {
        return plan(site, lookingUp);
    }

    private Plan plan(SiteModel site, java.util.Set<String> lookingUp) {
        List<PlannedFile> files = new ArrayList<>();
        List<String> left = new ArrayList<>();
        String footer = PageLinks.fingerprint(site);
        Memo last = memos.since(site);
        boolean carrying = last != null && last.footer().equals(footer) && site.since().sameAuthors();
        Map<String, Planned> planned = new HashMap<>();
        for (Language language : site.languages()) {
            List<LiveVariant> posts = site.blogPosts(language.code());
            List<List<LiveVariant>> pages = listings.pages(posts);
            for (int n = 1; n <= pages.size(); n++) {
                String path = site.blog(language, n);
                List<LiveVariant> page = pages.get(n - 1);
                int number = n;
                Planned was = carrying ? last.pages().get(path) : null;
                boolean carried = was != null && was.pages() == pages.size() && same(was.entries(), page, site.since().keys());
                if (carried && lookingUp != null && (lookingUp.isEmpty() || !lookingUp.contains(was.file()))) {
                    planned.put(path, was);
                    left.add(was.file());
                    continue;
                }
                String fingerprint = carried ? was.fingerprint() : Fingerprint.of(path, n, pages.size(), footer,
                        page.stream().map(site::entryFingerprint).toList());
                planned.put(path, new Planned(PlannedFile.relative(path + "index.html"), page, pages.size(), fingerprint));
                files.add(templates.plan(path + "index.html", "blog.peb", language, fingerprint, () -> {
                    Map<String, Object> model = new HashMap<>();
                    model.put("entries", page.stream().map(v -> listings.entry(site, v)).toList());
                    model.put("pagination", Listings.pagination(number, pages.size(), i -> site.blog(language, i)));
                    model.put("feed", site.home(language) + "feed.xml");
                    model.put("home", site.home(language));
                    model.put("blog", site.blog(language, 1));
                    model.put("frame", number == 1
                            ? links.ofListing(site, language, l -> site.blog(l, 1))
                            : links.ofOwn(site, language, path, l -> site.blog(l, 1)));
                    return model;
                }).carriedIf(carried));
            }
        }
        memos.note(site, new Memo(footer, planned));
        return new Plan(files, Plan.Left.of(left.size(), left::forEach));
    }

    /** Whether {@code now} holds the very versions {@code was} did, in order, none of a changed document. */
    private static boolean same(List<LiveVariant> was, List<LiveVariant> now, java.util.Set<String> changed) {
        if (was.size() != now.size()) {
            return false;
        }
        for (int i = 0; i < was.size(); i++) {
            if (was.get(i) != now.get(i) || changed.contains(now.get(i).key())) {
                return false;
            }
        }
        return true;
    }
}
