package fi.laituri.site;

import fi.laituri.content.Api;
import fi.laituri.content.Kind;
import fi.laituri.content.PublicContent.LiveVariant;
import fi.laituri.language.Language;
import fi.laituri.markdown.MarkdownLimits;
import fi.laituri.markdown.Slugs;
import io.micronaut.core.annotation.Nullable;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What is live, taken at the start of a build, with the lookups every renderer needs: the site's
 * languages, each live version, its translations and URL. Immutable; renderers only read it.
 * {@code baseUrl} is where the public site is served ({@code laituri.site.base-url}), for absolute URLs.
 *
 * <p>Each document (translation key) has a fingerprint of all its live versions, so a renderer can say
 * cheaply what a file is made from. A model made by {@link #with} from the previous one shares the
 * fingerprints of the documents that did not change, which keeps a small change a small build.
 */
public final class SiteModel {

    private final List<Language> languages;
    private final Language defaultLanguage;
    private final List<LiveVariant> variants;
    private final List<LiveVariant> unbuildable;
    /** The language homes' own content (the document {@link #HOME}), by language: not a page of its own. */
    private final Map<String, LiveVariant> homes;
    private final Map<String, Api.AuthorView> authors;
    private final String baseUrl;
    /** Live versions by key, then language: every page looks up its translations, so no lookup scans. */
    private final Layered<Map<String, LiveVariant>> byKey;
    private final Map<String, Language> byCode;
    /** Fingerprint of each document's live versions, by key. */
    private final Layered<String> documents;
    /**
     * The built versions and home introductions whose bodies name media files ({@code media:}), by identity: bodies are
     * long, and scanning every one of them at every build, for the pages and the media files, was a fifth of a one-edit
     * build; a model made by {@link #with} scans only the changed documents' bodies.
     */
    private final Set<LiveVariant> withMedia = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final Map<String, List<LiveVariant>> byLanguage = new ConcurrentHashMap<>();
    private final Map<String, List<LiveVariant>> blogPosts = new ConcurrentHashMap<>();
    private final Map<String, String> authorFingerprints = new ConcurrentHashMap<>();
    /** {@link #entryFingerprint}s by key, then language in the site's order: listings ask for each many times. */
    private final Layered<String[]> entries;
    /**
     * By publication (OffsetDateTime's own order compares the instant first), then by key. Every live version
     * has a publication time: its date, else when it first went live.
     */
    static final Comparator<LiveVariant> NEWEST_FIRST = Comparator.comparing(SiteModel::published,
                    Comparator.nullsFirst(Comparator.<OffsetDateTime>naturalOrder())).reversed()
            .thenComparing(LiveVariant::key);

    /**
     * The translation key of the document whose versions are the language homes' introductions: an editor writes
     * it like any page, and it is shown on the home instead of as a page of its own.
     */
    public static final String HOME = "home";
    private final Layered<String> addresses;
    /**
     * Slugs of tag names: pure, and asked for again and again by every listing. Kept by the model, so there are
     * never more than the site's tags and they go with the build.
     */
    private final Map<String, String> tagSlugs = new ConcurrentHashMap<>();
    /** {@link #newestRevised}, by "all:" or "blog:" and the language code. */
    private final Map<String, Optional<OffsetDateTime>> newest = new ConcurrentHashMap<>();
    /** {@link #remembered} fingerprints, by name. */
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private record Remembered(List<LiveVariant> versions, Set<String> keys, String context, String fingerprint) {
    }

    /** Each language's tags ({@link #tagIndex}), by language code. */
    private final Map<String, TagIndex> tagsByLanguage = new ConcurrentHashMap<>();

    private static final java.util.concurrent.atomic.AtomicLong SERIALS = new java.util.concurrent.atomic.AtomicLong();
    /** This model's number in the process, which no other model has: what a renderer's memo of a plan names. */
    private final long serial = SERIALS.incrementAndGet();
    /** How this model was made from another by {@link #with}; null for one made whole. */
    private final Since since;

    /**
     * What a model made by {@link #with} differs from its predecessor by: the predecessor's {@link #serial} (not the
     * model itself, so a chain of models is not kept alive), the keys of the documents that changed, and whether the
     * authors are as they were.
     */
    public record Since(long model, Set<String> keys, boolean sameAuthors) {
    }

    public SiteModel(List<Language> languages, Language defaultLanguage, List<LiveVariant> variants,
                     Map<String, Api.AuthorView> authors, String baseUrl) {
        this.languages = List.copyOf(languages);
        this.defaultLanguage = defaultLanguage;
        this.byCode = this.languages.stream().collect(Collectors.toMap(Language::code, l -> l));
        this.homes = variants.stream().filter(v -> v.key().equals(HOME) && byCode.containsKey(v.language()))
                .collect(Collectors.toUnmodifiableMap(LiveVariant::language, v -> v));
        List<LiveVariant> sorted = variants.stream()
                .filter(v -> byCode.containsKey(v.language()) && !v.key().equals(HOME))
                .sorted(BY_KEY)
                .toList();
        // Every body read through for the Markdown limits: on every core, a full build's start waiting for it.
        boolean[] left = new boolean[sorted.size()];
        java.util.stream.IntStream.range(0, left.length).parallel()
                .forEach(i -> left[i] = unbuildableBecause(sorted.get(i)).isPresent());
        List<LiveVariant> built = new ArrayList<>(sorted.size());
        List<LiveVariant> leftOut = new ArrayList<>();
        for (int i = 0; i < left.length; i++) {
            (left[i] ? leftOut : built).add(sorted.get(i));
        }
        this.variants = List.copyOf(built);
        this.unbuildable = List.copyOf(leftOut);
        Map<String, Map<String, LiveVariant>> keyed = new HashMap<>();
        this.variants.forEach(v -> keyed.computeIfAbsent(v.key(), k -> new HashMap<>()).put(v.language(), v));
        this.byKey = Layered.of(keyed);
        this.authors = Map.copyOf(authors);
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        Map<String, String> fingerprints = new ConcurrentHashMap<>();
        keyed.keySet().parallelStream().forEach(key -> fingerprints.put(key, Fingerprint.of(translations(key).values())));
        this.documents = Layered.of(fingerprints);
        this.entries = Layered.empty();
        this.addresses = Layered.empty();
        this.since = null;
        java.util.stream.Stream.concat(this.variants.stream(), homes.values().stream())
                .filter(SiteModel::bodyNamesMedia).forEach(withMedia::add);
    }

    /**
     * This model with the documents of {@code keys} as they are now: {@code live} holds their live versions
     * (none for a document that is no longer public). Other documents keep their versions and fingerprints.
     */
    public SiteModel with(Set<String> keys, Collection<LiveVariant> live, Map<String, Api.AuthorView> authors) {
        Set<String> changed = new java.util.HashSet<>(keys);
        live.forEach(v -> changed.add(v.key()));
        SiteModel model = new SiteModel(this, changed, live, authors);
        model.carryOver(this, changed);
        return model;
    }

    /**
     * The model after the documents of {@code changed} changed, made from {@code previous} with work in proportion to
     * the change rather than to the site: the key-ordered lists have the changed documents' runs cut out and their
     * versions now put in their place (binary searches, not a sort of every version), and the lookups are copies of the
     * previous ones with the changed keys replaced. A whole model made from the same versions is equal to it.
     */
    private SiteModel(SiteModel previous, Set<String> changed, Collection<LiveVariant> live, Map<String, Api.AuthorView> authors) {
        this.languages = previous.languages;
        this.defaultLanguage = previous.defaultLanguage;
        this.byCode = previous.byCode;
        this.baseUrl = previous.baseUrl;
        this.authors = Map.copyOf(authors);
        this.since = new Since(previous.serial, java.util.Collections.unmodifiableSet(changed), this.authors.equals(previous.authors));
        Map<String, LiveVariant> homes = new HashMap<>();
        previous.homes.forEach((language, v) -> {
            if (!changed.contains(v.key())) {
                homes.put(language, v);
            }
        });
        List<LiveVariant> built = new ArrayList<>();
        List<LiveVariant> leftOut = new ArrayList<>();
        live.stream().filter(v -> byCode.containsKey(v.language())).sorted(BY_KEY).forEach(v -> {
            if (v.key().equals(HOME)) {
                homes.put(v.language(), v);
            } else if (unbuildableBecause(v).isPresent()) {
                leftOut.add(v);
            } else {
                built.add(v);
            }
        });
        this.homes = Map.copyOf(homes);
        List<String> sortedChanged = changed.stream().sorted().toList();
        this.variants = replaced(previous.variants, sortedChanged, built);
        this.unbuildable = replaced(previous.unbuildable, sortedChanged, leftOut);
        this.byKey = previous.byKey.after(changed);
        Map<String, Map<String, LiveVariant>> keyed = new HashMap<>();
        built.forEach(v -> keyed.computeIfAbsent(v.key(), k -> new HashMap<>()).put(v.language(), v));
        keyed.forEach(byKey::put);
        this.documents = previous.documents.after(changed);
        keyed.keySet().forEach(key -> documents.put(key, Fingerprint.of(translations(key).values())));
        this.addresses = previous.addresses.after(changed);
        // A listing's entry names the authors: taken over only while they are as they were.
        this.entries = this.authors.equals(previous.authors) ? previous.entries.after(changed) : Layered.empty();
        previous.withMedia.stream().filter(v -> !changed.contains(v.key())).forEach(withMedia::add);
        java.util.stream.Stream.concat(built.stream(), this.homes.values().stream().filter(v -> changed.contains(v.key())))
                .filter(SiteModel::bodyNamesMedia).forEach(withMedia::add);
    }

    /** Versions in the order of {@link #variants}: by key, then language. */
    static final Comparator<LiveVariant> BY_KEY = Comparator.comparing(LiveVariant::key).thenComparing(LiveVariant::language);

    /**
     * {@code list} (in {@link #BY_KEY} order) with the versions of the sorted {@code keys} replaced by {@code now} (in
     * that order too, of those keys only): a document's versions are one run of the list, found by binary search.
     */
    private static List<LiveVariant> replaced(List<LiveVariant> list, List<String> keys, List<LiveVariant> now) {
        List<LiveVariant> out = new ArrayList<>(list.size() + now.size());
        int from = 0;
        int next = 0;
        for (String key : keys) {
            int at = firstAtOrAfter(list, key, from, false);
            out.addAll(list.subList(from, at));
            while (next < now.size() && now.get(next).key().equals(key)) {
                out.add(now.get(next++));
            }
            from = firstAtOrAfter(list, key, at, true);
        }
        out.addAll(list.subList(from, list.size()));
        if (next != now.size()) {
            throw new IllegalArgumentException("versions of documents not named as changed: " + now.subList(next, now.size()));
        }
        return java.util.Collections.unmodifiableList(out);
    }

    /** The first index from {@code from} whose key is at or after {@code key} (after it, with {@code past}). */
    private static int firstAtOrAfter(List<LiveVariant> list, String key, int from, boolean past) {
        int low = from;
        int high = list.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            int c = list.get(mid).key().compareTo(key);
            if (c < 0 || past && c == 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /**
     * Takes over what this model worked out from {@code previous} for the documents that did not change: each
     * language's list in order (the changed documents' old versions taken out and their versions now put in, by
     * binary search), the documents' addresses and, when the authors are as they were, the listings' entries and the
     * tags.
     */
    private void carryOver(SiteModel previous, Set<String> changed) {
        previous.byLanguage.forEach((language, list) ->
                byLanguage.put(language, updated(list, previous, changed, language, v -> true)));
        previous.blogPosts.forEach((language, list) ->
                blogPosts.put(language, updated(list, previous, changed, language, SiteModel::isBlogPost)));
        previous.newest.forEach((which, held) -> newestAfter(previous, changed, which, held)
                .ifPresent(now -> newest.put(which, now)));
        tagSlugs.putAll(previous.tagSlugs);
        if (authors.equals(previous.authors)) {
            previous.tagsByLanguage.forEach((language, tags) ->
                    tagsByLanguage.put(language, tags.after(previous, this, language, changed)));
            previous.remembered.forEach((name, r) -> {
                if (changed.stream().noneMatch(r.keys()::contains)) {
                    remembered.put(name, r);
                }
            });
        }
    }

    /** A newest-first list of {@code previous} with the changed documents' versions (those {@code kept}) as they are now. */
    private List<LiveVariant> updated(List<LiveVariant> list, SiteModel previous, Set<String> changed, String language,
                                      java.util.function.Predicate<LiveVariant> kept) {
        List<LiveVariant> merged = new ArrayList<>(list);
        for (String key : changed) {
            previous.find(key, language).filter(kept).ifPresent(old -> merged.remove(at(merged, old, true)));
        }
        for (String key : changed) {
            find(key, language).filter(kept).ifPresent(v -> merged.add(at(merged, v, false), v));
        }
        return java.util.Collections.unmodifiableList(merged);
    }

    /**
     * {@link #newestRevised} of {@code which} after the change, from what it was: the newer of it and the changed versions'
     * times; empty (to be worked out again over every version) when a version taken out may have been the newest, or
     * when two versions share the newest time, where the list's order decides which one's offset is shown.
     */
    private Optional<Optional<OffsetDateTime>> newestAfter(SiteModel previous, Set<String> changed, String which,
                                                          Optional<OffsetDateTime> held) {
        String language = which.substring(which.indexOf(':') + 1);
        java.util.function.Predicate<LiveVariant> counted = which.startsWith("blog:") ? SiteModel::isBlogPost : v -> true;
        OffsetDateTime now = held.orElse(null);
        for (String key : changed) {
            LiveVariant old = previous.find(key, language).filter(counted).orElse(null);
            if (old != null && old.revised() != null && now != null && !old.revised().isBefore(now)) {
                return Optional.empty();
            }
        }
        for (String key : changed) {
            LiveVariant v = find(key, language).filter(counted).orElse(null);
            if (v != null && v.revised() != null) {
                if (now != null && v.revised().isEqual(now)) {
                    return Optional.empty();
                }
                if (now == null || v.revised().isAfter(now)) {
                    now = v.revised();
                }
            }
        }
        return Optional.of(Optional.ofNullable(now));
    }

    /**
     * Where {@code v} is in a list newest first ({@code held}: it must be there) or goes into it. The order is total
     * (by key after the time), so the search finds the version itself.
     */
    static int at(List<LiveVariant> newestFirst, LiveVariant v, boolean held) {
        int i = java.util.Collections.binarySearch(newestFirst, v, NEWEST_FIRST);
        if (held != i >= 0) {
            throw new IllegalStateException("the list of a language is out of order at " + v.key() + " (" + v.language() + ")");
        }
        return held ? i : -i - 1;
    }

    public List<Language> languages() {
        return languages;
    }

    public Language defaultLanguage() {
        return defaultLanguage;
    }

    public List<LiveVariant> variants() {
        return variants;
    }

    /**
     * Live versions the site leaves out, and the build reports: those whose slug the site has since reserved
     * for its own pages ({@link Slugs#RESERVED}), which would overwrite a listing, and those whose body, stored
     * before the Markdown limits, exceeds them ({@link MarkdownLimits}) and so cannot be rendered.
     */
    public List<LiveVariant> unbuildable() {
        return unbuildable;
    }

    private static boolean bodyNamesMedia(LiveVariant v) {
        return v.body().contains("media:");
    }

    /** This model's number in the process: no other model has it. */
    public long serial() {
        return serial;
    }

    /** How this model differs from the one it was made from by {@link #with}; null when it was made whole. */
    @io.micronaut.core.annotation.Nullable
    public Since since() {
        return since;
    }

    /** Where the versions of the document {@code key} are in {@link #variants}: from the first index to before the second. */
    public int[] variantsOf(String key) {
        int from = firstAtOrAfter(variants, key, 0, false);
        return new int[] {from, firstAtOrAfter(variants, key, from, true)};
    }

    /** Whether a built version's or home introduction's body names media files ({@code media:}). */
    public boolean namesMedia(LiveVariant v) {
        return withMedia.contains(v);
    }

    /**
     * The built versions whose bodies name media files, in the order of {@link #variants}, then such home introductions
     * in the site's language order.
     */
    public List<LiveVariant> withMedia() {
        List<LiveVariant> out = new ArrayList<>(withMedia.stream().filter(v -> !v.key().equals(HOME)).sorted(BY_KEY).toList());
        languages.stream().map(l -> homes.get(l.code())).filter(v -> v != null && withMedia.contains(v)).forEach(out::add);
        return out;
    }

    /** Why a live version is left out of the site, for the build report; empty when it is built. */
    public static Optional<String> unbuildableBecause(LiveVariant v) {
        if (Slugs.isReserved(v.slug())) {
            return Optional.of("the slug " + v.slug() + " is reserved for the site's own pages; the page is not built "
                    + "until its slug is changed");
        }
        return MarkdownLimits.check(v.body()).map(over -> "the body " + over
                + "; the page is not built until its body is shortened");
    }

    /** The home's introduction in a language, written as the document {@link #HOME}; empty when none is live. */
    public Optional<LiveVariant> homeContent(String language) {
        return Optional.ofNullable(homes.get(language));
    }

    /** Every language's home introduction. */
    public Collection<LiveVariant> homeContents() {
        return homes.values();
    }

    /**
     * When a version was published as readers are told: its own date, else when it first went live (never null for
     * a version published through the workflow), else when its live revision was written.
     */
    public static OffsetDateTime published(LiveVariant v) {
        if (v.date() != null) {
            return v.date();
        }
        return v.firstPublished() != null ? v.firstPublished() : v.revised();
    }

    /** The newest live change of the whole site: when its newest live revision was written; null for an empty site. */
    public @Nullable OffsetDateTime lastChange() {
        return java.util.stream.Stream.concat(variants.stream(), homes.values().stream()).map(LiveVariant::revised)
                .filter(java.util.Objects::nonNull).max(Comparator.comparing(OffsetDateTime::toInstant)).orElse(null);
    }

    public Map<String, Api.AuthorView> authors() {
        return authors;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Language language(String code) {
        Language language = byCode.get(code);
        if (language == null) {
            throw new IllegalArgumentException("no configured language " + code);
        }
        return language;
    }

    /** The live version of a document in a language. */
    public Optional<LiveVariant> find(String key, String language) {
        Map<String, LiveVariant> versions = byKey.get(key);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(language));
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

    /**
     * A fingerprint of a document's live versions in every language: it changes whenever any of them is
     * published, edited and republished or unpublished. A document with nothing live has a fingerprint too.
     */
    public String fingerprint(String key) {
        String fingerprint = documents.get(key);
        return fingerprint != null ? fingerprint : "-";
    }

    /**
     * The addresses of a document's live versions, language by language: what a sitemap or a switcher needs
     * of its translations, which changes far less often than their content.
     */
    public String addresses(String key) {
        return addresses.computeIfAbsent(key, k -> {
            StringBuilder a = new StringBuilder();
            translations(k).forEach((language, v) -> a.append(language.code()).append('=').append(v.slug()).append(' '));
            return a.toString();
        });
    }

    /** A language's live versions, newest first by {@link #published}, then by key. */
    public List<LiveVariant> inLanguage(String language) {
        return byLanguage.computeIfAbsent(language, l -> variants.stream().filter(v -> v.language().equals(l))
                .sorted(NEWEST_FIRST)
                .toList());
    }

    /** A language's live blog posts, newest first: the blog index and the feed both list them. */
    public List<LiveVariant> blogPosts(String language) {
        return blogPosts.computeIfAbsent(language, l -> inLanguage(l).stream().filter(SiteModel::isBlogPost).toList());
    }

    private static boolean isBlogPost(LiveVariant v) {
        return v.kind().equals(Kind.BLOG_POST.code());
    }

    /**
     * When the newest of a language's versions (of its blog posts, with {@code blogPostsOnly}) was revised: of equal
     * times, the first newest first; null when none has a time.
     */
    public @Nullable OffsetDateTime newestRevised(String language, boolean blogPostsOnly) {
        return newest.computeIfAbsent((blogPostsOnly ? "blog:" : "all:") + language, which -> {
            OffsetDateTime newest = null;
            for (LiveVariant v : blogPostsOnly ? blogPosts(language) : inLanguage(language)) {
                if (v.revised() != null && (newest == null || v.revised().isAfter(newest))) {
                    newest = v.revised();
                }
            }
            return Optional.ofNullable(newest);
        }).orElse(null);
    }

    /**
     * The fingerprint of a file made from a run of versions ({@code versions}: the documents' every version counts, by
     * their addresses and translations) and from {@code context}: the one {@code make} made for {@code name} in this model,
     * or in one before it while those documents have not changed (and the authors), when the versions are the same
     * objects in the same order and the context is equal; else {@code make}'s, kept for the next time. For a file made
     * from a large part of the site, such as a sitemap's shard, which a one-edit build would otherwise fingerprint again.
     */
    String remembered(String name, List<LiveVariant> versions, String context, java.util.function.Supplier<String> make) {
        Remembered held = remembered.get(name);
        if (held != null && held.context().equals(context) && sameObjects(held.versions(), versions)) {
            return held.fingerprint();
        }
        String fingerprint = make.get();
        remembered.put(name, new Remembered(List.copyOf(versions),
                versions.stream().map(LiveVariant::key).collect(Collectors.toUnmodifiableSet()), context, fingerprint));
        return fingerprint;
    }

    private static boolean sameObjects(List<LiveVariant> a, List<LiveVariant> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    public String url(LiveVariant v) {
        return home(language(v.language())) + v.slug() + "/";
    }

    public String home(Language language) {
        return "/" + language.prefix() + "/";
    }

    /** Page {@code number} (from 1) of a language's blog index: {@code /fi/blog/}, {@code /fi/blog/2/}, ... */
    public String blog(Language language, int number) {
        return numbered(home(language) + "blog/", number);
    }

    /** The index of a language's tags. */
    public String tags(Language language) {
        return home(language) + "tags/";
    }

    /**
     * Page {@code number} of a tag's listing, at the tag's slug, which tags spelt alike share; null for a tag
     * with no letters or digits, which has no page.
     */
    public @Nullable String tag(Language language, String tag, int number) {
        String slug = tagSlug(tag);
        return slug.isEmpty() ? null : numbered(tags(language) + slug + "/", number);
    }

    /** A language's tags, as its tag pages list them. */
    TagIndex tagIndex(String language) {
        return tagsByLanguage.computeIfAbsent(language, l -> TagIndex.of(this, l));
    }

    /** A tag's slug: tags spelt alike ("Kotoutuminen", "kotoutuminen") share one; empty when it has no letters or digits. */
    public String tagSlug(String tag) {
        String slug = tagSlugs.get(tag);
        return slug != null ? slug : tagSlugs.computeIfAbsent(tag, Slugs::fromTitle);
    }

    /**
     * What a listing shows of a version, as a fingerprint: the document's versions and the version's authors.
     * Cheaper than the listing's model, which the listing makes only when it changed.
     */
    public String entryFingerprint(LiveVariant v) {
        String[] byLanguage = entries.get(v.key());
        if (byLanguage == null) {
            byLanguage = entries.computeIfAbsent(v.key(), k -> new String[languages.size()]);
        }
        int i = languages.indexOf(byCode.get(v.language()));
        String fingerprint = byLanguage[i];
        if (fingerprint == null) {
            StringBuilder f = new StringBuilder(v.key()).append(':').append(v.language()).append(':').append(fingerprint(v.key()));
            for (String author : v.authors()) {
                f.append(':').append(authorFingerprints.computeIfAbsent(author, a -> Fingerprint.of(authors.get(a))));
            }
            fingerprint = f.toString();
            // Racing threads work out the same string: whichever is kept, it is the right one.
            byLanguage[i] = fingerprint;
        }
        return fingerprint;
    }

    public String search(Language language) {
        return home(language) + "search/";
    }

    /** A language's page for addresses that lead nowhere. */
    public String notFound(Language language) {
        return home(language) + "404.html";
    }

    private static String numbered(String first, int number) {
        return number == 1 ? first : first + number + "/";
    }

    /** A site path ({@code /fi/slug/}) as an absolute URL. */
    public String absolute(String path) {
        return baseUrl + path;
    }
}
