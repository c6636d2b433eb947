package fi.laituri.site;

import fi.laituri.content.PublicContent.LiveVariant;
import fi.laituri.language.Language;
import jakarta.inject.Singleton;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Atom 1.0 feeds (RFC 4287): each language's blog posts at {@code /<prefix>/feed.xml}, and everything live,
 * in every language, at {@code /feed.xml}. Entries are newest first; a feed is as new as its newest entry.
 */
@Singleton
class Feeds implements SiteRenderer {

    static final String ATOM = "http://www.w3.org/2005/Atom";

    /** An empty site's feeds: the date of RFC 4287, Atom 1.0; only ever seen before anything was published. */
    static final OffsetDateTime NOTHING_LIVE = OffsetDateTime.of(2005, 12, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    /** RFC 3339 with seconds always written ({@code OffsetDateTime.toString()} leaves zero seconds out). */
    private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    /** The newest entries a feed carries: readers poll feeds for what is new, not for the archive. */
    static final int ENTRIES = 50;

    private final SiteMessages messages;

    Feeds(SiteMessages messages) {
        this.messages = messages;
    }

    @Override
    public List<PlannedFile> plan(SiteModel site, List<String> warnings) {
        List<PlannedFile> files = new ArrayList<>();
        for (Language language : site.languages()) {
            List<LiveVariant> posts = newest(site.blogPosts(language.code()));
            String path = site.home(language) + "feed.xml";
            files.add(feed(site, path, language, messages.of(language.code()).get("blogFeedTitle"), posts, false));
        }
        Language main = site.defaultLanguage();
        files.add(feed(site, "/feed.xml", main, messages.of(main.code()).get("siteName"), newestOfEachLanguage(site), true));
        return files;
    }

    /**
     * The versions that can be among the site feed's newest: each language's newest first, as many as a feed shows
     * and those of the same second as the last of them (the feed orders by the second, then key and language), rather
     * than every version of the site at every build. Every version when some are in no language of the site's.
     */
    private static List<LiveVariant> newestOfEachLanguage(SiteModel site) {
        List<LiveVariant> candidates = new ArrayList<>();
        int all = 0;
        for (Language language : site.languages()) {
            List<LiveVariant> newestFirst = site.inLanguage(language.code());
            all += newestFirst.size();
            candidates.addAll(newest(newestFirst));
        }
        return all == site.variants().size() ? candidates : site.variants();
    }

    /**
     * The versions of a newest-first list ({@link SiteModel#NEWEST_FIRST}) that can be among a feed's newest: as many as
     * a feed shows, and those of the same second as the last of them (a feed orders by the second, then key and
     * language). A language's blog feed need not look at its thousands of older posts at every build.
     */
    private static List<LiveVariant> newest(List<LiveVariant> newestFirst) {
        long last = Long.MIN_VALUE;
        int end = 0;
        for (; end < newestFirst.size(); end++) {
            long second = SiteModel.published(newestFirst.get(end)).toEpochSecond();
            if (end == ENTRIES - 1) {
                last = second;
            } else if (end >= ENTRIES && second != last) {
                break;
            }
        }
        return newestFirst.subList(0, end);
    }

    /** A feed is made from its entries' documents (an entry's date may come from a translation) and its authors. */
    private PlannedFile feed(SiteModel site, String path, Language language, String title, List<LiveVariant> variants,
                             boolean entriesInTheirOwnLanguage) {
        record Dated(LiveVariant v, java.time.Instant updated) {
        }
        Comparator<Dated> newestFirst = Comparator.comparing(Dated::updated).reversed()
                .thenComparing(d -> d.v().key()).thenComparing(d -> d.v().language());
        // The newest ENTRIES of thousands: a bounded queue whose head is the oldest kept, not a sort of them all.
        java.util.PriorityQueue<Dated> newest = new java.util.PriorityQueue<>(newestFirst.reversed());
        for (LiveVariant v : variants) {
            // The version's own date (the usual case) without making a truncated copy of it for each of thousands.
            Dated d = new Dated(v, java.time.Instant.ofEpochSecond(SiteModel.published(v).toEpochSecond()));
            if (newest.size() < ENTRIES) {
                newest.add(d);
            } else if (newestFirst.compare(d, newest.peek()) < 0) {
                newest.poll();
                newest.add(d);
            }
        }
        List<LiveVariant> entries = newest.stream().sorted(newestFirst).map(Dated::v).toList();
        List<Object> inputs = new ArrayList<>(List.of("feed", path, language.code(), title, entriesInTheirOwnLanguage));
        if (entries.isEmpty()) {
            inputs.add(String.valueOf(site.lastChange()));
        }
        for (LiveVariant v : entries) {
            inputs.add(v.key() + ":" + v.language() + ":" + site.fingerprint(v.key()));
            v.authors().forEach(a -> inputs.add(site.authors().get(a)));
        }
        return PlannedFile.of(path, Fingerprint.of(inputs.toArray()),
                () -> atom(site, path, language, title, entries, entriesInTheirOwnLanguage).bytes());
    }

    private OutputFile atom(SiteModel site, String path, Language language, String title, List<LiveVariant> entries,
                            boolean entriesInTheirOwnLanguage) {
        OffsetDateTime newest = entries.isEmpty() ? emptyFeedUpdated(site) : updated(entries.get(0));
        XmlFile xml = new XmlFile(ATOM, "feed").lang(language.htmlLang())
                .text("id", site.absolute(path))
                .text("title", title)
                .text("updated", RFC_3339.format(newest))
                .empty(null, "link", "rel", "self", "type", "application/atom+xml", "href", site.absolute(path))
                .empty(null, "link", "rel", "alternate", "type", "text/html",
                        "href", site.absolute(site.home(language)))
                // RFC 4287 wants an author for the feed unless every entry names one; most content names none.
                .start("author").text("name", messages.of(language.code()).get("siteName")).end();
        for (LiveVariant v : entries) {
            entry(xml, site, v, entriesInTheirOwnLanguage);
        }
        return xml.file(path);
    }

    private void entry(XmlFile xml, SiteModel site, LiveVariant v, boolean ownLanguage) {
        String url = site.absolute(site.url(v));
        xml.start("entry");
        if (ownLanguage) {
            xml.lang(site.language(v.language()).htmlLang());
        }
        xml.text("id", url)
                .text("title", v.title())
                .empty(null, "link", "rel", "alternate", "type", "text/html", "href", url)
                .text("updated", RFC_3339.format(updated(v)));
        if (v.date() != null) {
            xml.text("published", RFC_3339.format(v.date()));
        }
        v.authors().stream().map(site.authors()::get).filter(Objects::nonNull)
                .forEach(a -> xml.start("author").text("name", a.name()).end());
        for (String tag : v.tags()) {
            xml.empty(null, "category", "term", tag);
        }
        if (v.summary() != null && !v.summary().isBlank()) {
            xml.text("summary", v.summary());
        }
        xml.end();
    }

    /**
     * When a version was published ({@link SiteModel#published}: its own date, else when it first went live), to
     * the second. Never the time of the build, so the same content gives the same feed.
     */
    static OffsetDateTime updated(LiveVariant v) {
        return SiteModel.published(v).truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * A feed without entries is as new as the newest live change of the site. A site with nothing live has no
     * change to name, and the build's own time would make every build a new feed, so its feeds carry a fixed
     * date that no reader mistakes for a missing one: that of RFC 4287.
     */
    private static OffsetDateTime emptyFeedUpdated(SiteModel site) {
        OffsetDateTime last = site.lastChange();
        return last != null ? last.truncatedTo(ChronoUnit.SECONDS) : NOTHING_LIVE;
    }
}
