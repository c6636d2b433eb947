package fi.laituri.site;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import fi.laituri.BuildPause;
import fi.laituri.content.Api;
import fi.laituri.content.Authors;
import fi.laituri.content.PublicContent.LiveVariant;
import fi.laituri.content.PublicContent;
import fi.laituri.language.Languages;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds the static site from what is live. The stages, in order: snapshot (the live content) → plan
 * (every file, with a fingerprint of its inputs, one {@link SiteRenderer} per kind of output) → render
 * what changed since the live build and write it into the staging build → swap it in atomically.
 * Output depends on content alone (no build times, stable order), so the same content gives the same
 * bytes, and a build after a small change renders and writes only the files that change with it.
 */
@Singleton
public class SiteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(SiteBuilder.class);

    private final PublicContent publicContent;
    private final Authors authors;
    private final Languages languages;
    private final List<SiteRenderer> renderers;
    private final SiteWriter writer;
    private final TransactionOperations<Connection> tx;
    private final BuildLock lock;
    private final String baseUrl;
    private final Path templates;
    private final PublishedPages publishedPages;
    /** What other features lend the templates ({@link SiteFactory}): part of what every file depends on. */
    private final List<Map<String, Object>> templateGlobals;

    /**
     * The model of the last build and the manifest it left, so the next build can start from it; with the warnings of
     * its files, by path, and which files looked up each document ({@code doc:} links), by key, made from the live
     * manifest when first needed (null until then): what a build needs of the files it carries over without a look at
     * their manifest entries. The latter may name more files than look a document up now, never fewer.
     */
    private record Last(SiteModel model, FileTime manifest, Map<String, List<String>> warnings,
                        Map<String, Set<String>> lookedUpBy) {
    }

    /** By site root: one process may build several sites (tests, benchmarks). */
    private final Map<Path, Last> last = new ConcurrentHashMap<>();
    private final SiteTheme theme;

    private final MeterRegistry meters;

    SiteBuilder(PublicContent publicContent, Authors authors, Languages languages, List<SiteRenderer> renderers,
                SiteWriter writer, TransactionOperations<Connection> tx, BuildLock lock,
                @Value("${laituri.site.base-url}") String baseUrl, @Value("${laituri.site.templates}") String templates,
                PublishedPages publishedPages, SiteTheme theme, MeterRegistry meters,
                List<io.pebbletemplates.pebble.extension.Extension> extensions) {
        this.meters = meters;
        this.publicContent = publicContent;
        this.authors = authors;
        this.languages = languages;
        this.renderers = renderers.stream().sorted(Comparator.comparing(r -> r.getClass().getName())).toList();
        this.writer = writer;
        this.tx = tx;
        this.lock = lock;
        this.baseUrl = baseUrl;
        this.templates = Path.of(templates).toAbsolutePath().normalize();
        this.publishedPages = publishedPages;
        this.theme = theme;
        this.templateGlobals = extensions.stream().map(e -> e.getGlobalVariables())
                .filter(java.util.Objects::nonNull).toList();
    }

    /** Told how far a build has come: {@code done} of {@code total} files. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void update(int done, int total);
    }

    /**
     * Builds and publishes the site. Only one build runs at a time across every instance on the
     * database ({@link BuildLock}); a second one waits.
     */
    public BuildReport build(Path root) {
        return build(root, false, Progress.NONE);
    }

    /** Builds the site from a fresh snapshot; see {@link #build(Path, boolean, Progress)}. */
    public BuildReport build(Path root, boolean strict) {
        return build(root, strict, Progress.NONE);
    }

    /**
     * Builds the site from a fresh snapshot; with {@code strict}, a build that has warnings is not
     * published and the live site stays as it was ({@link BuildReport#live()} is then null).
     */
    public BuildReport build(Path root, boolean strict, Progress progress) {
        return lock.holding(root, () -> run(root, strict, true, progress, tx.executeRead(s -> snapshot()), null));
    }

    /**
     * As {@link #build(Path, boolean, Progress)}, but a build that would delete more than half of the live
     * site's files is refused before anything is written ({@link WouldShrink}): most likely it reads the wrong
     * database, or an empty one, and would replace a whole site with a bare frame.
     */
    public BuildReport buildUnlessItShrinks(Path root, boolean strict, Progress progress) {
        return lock.holding(root, () -> run(root, strict, false, progress, tx.executeRead(s -> snapshot()), null));
    }

    /** A build refused because it would delete most of the live site. */
    public static final class WouldShrink extends RuntimeException {
        WouldShrink(String message) {
            super(message);
        }
    }

    /**
     * Refuses a build that would delete more than half of the live site's files. The live files are those its
     * manifest lists (every file a build writes or keeps); only a live build without a readable manifest is walked,
     * which at 365,000 files took minutes of reading directories on the benchmark machine.
     */
    private void refuseIfItShrinks(Path root, Set<String> planned) {
        Set<String> kept = new HashSet<>();
        planned.forEach(p -> kept.add(p.startsWith("/") ? p.substring(1) : p));
        Collection<String> live;
        try {
            Path dir = SiteWriter.live(root.toAbsolutePath().normalize());
            if (dir == null) {
                return;
            }
            java.util.Optional<Set<String>> listed = writer.files(dir);
            if (listed.isPresent()) {
                live = listed.get().stream().map(p -> p.startsWith("/") ? p.substring(1) : p).toList();
            } else {
                try (Stream<Path> walk = Files.walk(dir)) {
                    live = walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).toList();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long gone = live.stream().filter(p -> !kept.contains(p)).count();
        if (gone * 2 > live.size()) {
            throw new WouldShrink("this build would delete " + gone + " of the live site's " + live.size()
                    + " files (it has " + planned.size() + "): is this the site's database? The live site is unchanged;"
                    + " run with --allow-shrink to publish it anyway");
        }
    }

    /**
     * Builds the site after the given documents changed. When this instance made the live build, only
     * those documents are read again; otherwise (another instance built since, or none yet) everything is.
     * What is live is read in one short read-only transaction; rendering, writing and indexing happen
     * outside any.
     */
    public BuildReport update(Path root, Collection<Long> documentIds) {
        return lock.holding(root, () -> {
            Path normalized = root.toAbsolutePath().normalize();
            Last previous = last.get(normalized);
            if (previous == null || previous.manifest() == null || !previous.manifest().equals(liveManifestTime(normalized))) {
                return run(root, false, true, Progress.NONE, tx.executeRead(s -> snapshot()), null);
            }
            Set<Long> ids = new HashSet<>(documentIds);
            // Sorted ids searched without boxing each of the site's versions' ids.
            long[] sorted = documentIds.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
            java.util.function.Predicate<LiveVariant> touched = v -> java.util.Arrays.binarySearch(sorted, v.documentId()) >= 0;
            Changed changed = tx.executeRead(s -> new Changed(publicContent.liveOf(ids), authors()));
            // The documents under their old keys and their current ones.
            Set<String> keys = new HashSet<>();
            previous.model().variants().stream().filter(touched).forEach(v -> keys.add(v.key()));
            previous.model().unbuildable().stream().filter(touched).forEach(v -> keys.add(v.key()));
            previous.model().homeContents().stream().filter(touched).forEach(v -> keys.add(v.key()));
            changed.live().forEach(v -> keys.add(v.key()));
            return run(root, false, true, Progress.NONE, previous.model().with(keys, changed.live(), changed.authors()), keys);
        });
    }

    /** What is live now of the changed documents, and every author, read together. */
    private record Changed(List<LiveVariant> live, Map<String, Api.AuthorView> authors) {
    }

    private SiteModel snapshot() {
        return new SiteModel(languages.all(), languages.defaultLanguage(), publicContent.allLive(), authors(), baseUrl);
    }

    private Map<String, Api.AuthorView> authors() {
        return authors.listAuthors().stream().collect(Collectors.toMap(Api.AuthorView::id, Function.identity()));
    }

    /**
     * The build itself; {@code mayShrink} false refuses one that would delete most of the live site, and
     * {@code changed} names the documents that changed since the live build, null when any may have (the listeners on
     * {@link RenderedPages} then get every page rather than the changed ones).
     */
    /**
     * {@link #stages}, measured: laituri.site.build (by outcome), laituri.site.files.written and
     * laituri.site.files.carried (taken over from the live build without a look at each).
     */
    private BuildReport run(Path root, boolean strict, boolean mayShrink, Progress progress, SiteModel site, Set<String> changed) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "failed";
        java.util.concurrent.atomic.LongAdder carried = new java.util.concurrent.atomic.LongAdder();
        try {
            BuildReport report = stages(root, strict, mayShrink, progress, site, changed, carried);
            outcome = report.live() == null ? "not_published" : "published";
            meters.counter("laituri.site.files.written").increment(report.written().size());
            meters.counter("laituri.site.files.carried").increment(carried.sum());
            return report;
        } finally {
            publishedPages.forget();
            sample.stop(meters.timer("laituri.site.build", "outcome", outcome));
        }
    }

    private BuildReport stages(Path root, boolean strict, boolean mayShrink, Progress progress, SiteModel site,
                               Set<String> changed, java.util.concurrent.atomic.LongAdder carried) {
        long start = System.nanoTime();
        String siteFingerprint = siteFingerprint(site);
        Path normalized = root.toAbsolutePath().normalize();
        // Files planned as they were for the live build's model are that build's files, as they are, unless they looked
        // up a changed document: neither looked up in the live manifest nor put into the build one by one, and where the
        // renderer can, not even listed. A one-edit build is staged first, so that the renderers know whether they may.
        Last before0 = changed == null ? null : last.get(normalized);
        SiteWriter.Staging staging = changed == null ? null : writer.stage(root, siteFingerprint, true);
        boolean carrying = before0 != null && staging.carries() && site.since() != null
                && site.since().model() == before0.model().serial();
        Map<String, Set<String>> lookedUpBy = before0 == null ? null
                : before0.lookedUpBy() != null ? before0.lookedUpBy() : carrying ? lookedUpBy(staging.live()) : null;
        Set<String> affected = carrying ? affected(lookedUpBy, changed) : Set.of();
        List<String> planWarnings = new ArrayList<>();
        List<SiteRenderer.Plan> plans = plan(site, planWarnings, carrying ? affected : null);
        List<PlannedFile> plan = new ArrayList<>(plans.stream().mapToInt(p -> p.files().size()).sum());
        plans.forEach(p -> plan.addAll(p.files()));
        int leftOut = plans.stream().mapToInt(p -> p.left().size()).sum();
        int total = plan.size() + leftOut;
        // The planned paths' set, made when asked for: a one-edit build of 365,000 files seldom needs it.
        java.util.concurrent.atomic.AtomicReference<Set<String>> pathSet = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.function.Supplier<Set<String>> planned = () -> pathSet.updateAndGet(made -> made != null ? made : paths(plans, total));
        if (!mayShrink) {
            refuseIfItShrinks(root, planned.get());
        }
        if (changed == null) {
            // A full build finds two files planning one path before it writes anything; the plan of an
            // incremental one comes from the same renderers, and finds them when it asks for the set.
            planned.get();
        }
        if (staging == null) {
            staging = writer.stage(root, siteFingerprint, false, total);
        }
        SiteWriter.Staging into = staging;
        BuildPause.at("before-files");
        Manifest live = staging.live();
        Map<String, List<String>> warnings = new ConcurrentHashMap<>();
        Set<String> written = ConcurrentHashMap.newKeySet(changed == null ? total : 16);
        Map<String, List<String>> looked = new ConcurrentHashMap<>();
        // The live build's files with warnings that this build looked at: the others it has were carried, warnings and all.
        Set<String> warnedSeen = ConcurrentHashMap.newKeySet();
        AtomicInteger done = new AtomicInteger();
        java.util.concurrent.atomic.LongAdder wereLive = new java.util.concurrent.atomic.LongAdder();
        if (changed == null) {
            publishedPages.expect(total);
        }
        progress.update(0, total);
        wereLive.add(leftOut);
        carried.add(leftOut);
        // On threads with the large stack the Markdown parser needs, so that each page's body is parsed where it is.
        fi.laituri.markdown.RenderThreads.forEach("site-build", plan, file -> {
            if (carrying && !before0.warnings().isEmpty() && before0.warnings().containsKey(file.path())) {
                warnedSeen.add(file.path());
            }
            if (carrying && file.carried() && (affected.isEmpty() || !affected.contains(file.path()))) {
                wereLive.increment();
                carried.increment();
                List<String> warned = before0.warnings().isEmpty() ? null : before0.warnings().get(file.path());
                if (warned != null) {
                    warnings.put(file.path(), warned);
                }
                if (progress != Progress.NONE) {
                    progress.update(done.incrementAndGet(), total);
                }
                return;
            }
            Manifest.Entry before = live.files().get(file.path());
            if (before != null) {
                wereLive.increment();
            }
            Manifest.Entry entry;
            if (before != null && before.fingerprint().equals(file.fingerprint())
                    && sameLookups(site, before.lookups(), before.lookupsFingerprint())) {
                entry = before;
                into.keep(file.path(), entry);
            } else {
                PlannedFile.Rendered rendered = file.render().render();
                List<String> lookups = List.copyOf(new TreeSet<>(rendered.lookups()));
                entry = new Manifest.Entry(file.fingerprint(), lookups, lookups(site, lookups),
                        Fingerprint.ofBytes(rendered.bytes()), rendered.warnings());
                into.write(file.path(), rendered.bytes(), entry);
                if (!lookups.isEmpty()) {
                    looked.put(file.path(), lookups);
                }
                if (before == null || !before.hash().equals(entry.hash())) {
                    written.add(file.path());
                }
            }
            if (!entry.warnings().isEmpty()) {
                warnings.put(file.path(), entry.warnings());
            }
            if (progress != Progress.NONE) {
                // A counter every core increments: only when someone watches.
                progress.update(done.incrementAndGet(), total);
            }
        });
        // Every live file planned again (each path once): none is deleted, which is nearly every build, known without
        // a look-up of each of the live build's files in the planned ones.
        List<String> deleted = wereLive.sum() == live.files().size() ? List.of() : deleted(live, planned.get());
        if (before0 != null && carrying) {
            before0.warnings().forEach((path, warned) -> {
                if (!warnedSeen.contains(path) && (deleted.isEmpty() || planned.get().contains(path))) {
                    warnings.put(path, warned);
                }
            });
        }
        List<String> problems = Stream.concat(planWarnings.stream(),
                new TreeMap<>(warnings).values().stream().flatMap(List::stream)).toList();
        Path published = null;
        if (!strict || problems.isEmpty()) {
            published = staging.publish(planned, deleted);
            if (lookedUpBy != null) {
                looked.forEach((path, keys) -> keys.forEach(key -> lookedUpBy.computeIfAbsent(key, k -> new HashSet<>()).add(path)));
            }
            last.put(normalized, new Last(site, manifestTime(published), Map.copyOf(warnings), lookedUpBy));
        }
        long pages = (System.nanoTime() - start) / 1_000_000;
        if (published != null) {
            if (changed == null) {
                publishedPages.all(root, site, siteFingerprint);
            } else {
                publishedPages.changed(root, site, changed);
            }
        }
        return new BuildReport(total, written.stream().sorted().toList(), total - written.size(), deleted, published,
                problems, pages, (System.nanoTime() - start) / 1_000_000 - pages);
    }

    /**
     * Every file of the site, the renderers planning side by side (each with warnings of its own, which are
     * then put in renderer order).
     */
    private List<SiteRenderer.Plan> plan(SiteModel site, List<String> warnings, Set<String> lookingUp) {
        List<List<String>> warned = renderers.stream().map(r -> (List<String>) new ArrayList<String>()).toList();
        List<SiteRenderer.Plan> planned = java.util.stream.IntStream.range(0, renderers.size()).parallel()
                .mapToObj(i -> lookingUp == null
                        ? new SiteRenderer.Plan(renderers.get(i).plan(site, warned.get(i)), SiteRenderer.Plan.Left.NONE)
                        : renderers.get(i).planChange(site, warned.get(i), lookingUp))
                .toList();
        warned.forEach(warnings::addAll);
        return planned;
    }

    /** Which of the live build's files looked up each document, by key. */
    private static Map<String, Set<String>> lookedUpBy(Manifest live) {
        Map<String, Set<String>> by = new HashMap<>();
        live.files().forEach((path, entry) -> entry.lookups().forEach(key -> by.computeIfAbsent(key, k -> new HashSet<>()).add(path)));
        return by;
    }

    /** The files that looked up one of the {@code changed} documents: carried over, they may still differ. */
    private static Set<String> affected(Map<String, Set<String>> lookedUpBy, Set<String> changed) {
        Set<String> affected = new HashSet<>();
        changed.forEach(key -> affected.addAll(lookedUpBy.getOrDefault(key, Set.of())));
        return affected;
    }

    /** The live build's files that {@code paths} (this build's) has not. */
    private static List<String> deleted(Manifest live, Set<String> paths) {
        return live.files().keySet().stream().filter(p -> !paths.contains(p)).sorted().toList();
    }

    /** The paths of the planned files (a set sized for them all at once); two files planning one path is a bug. */
    private static Set<String> paths(List<SiteRenderer.Plan> plans, int total) {
        Set<String> paths = new HashSet<>(total * 4 / 3 + 1);
        java.util.function.Consumer<String> add = path -> {
            if (!paths.add(path)) {
                throw new IllegalStateException("two outputs of the site build share the path " + path);
            }
        };
        for (SiteRenderer.Plan plan : plans) {
            plan.files().forEach(file -> add.accept(file.path()));
            plan.left().paths(add);
        }
        return paths;
    }

    /** Whether the documents a file looked up are as {@code state} ({@link #lookups}) says, without making the string. */
    private static boolean sameLookups(SiteModel site, List<String> keys, String state) {
        int at = 0;
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                if (at >= state.length() || state.charAt(at) != '.') {
                    return false;
                }
                at++;
            }
            String f = site.fingerprint(keys.get(i));
            if (!state.startsWith(f, at)) {
                return false;
            }
            at += f.length();
        }
        return at == state.length();
    }

    /** The state of the documents a file looked up when it was rendered: their fingerprints, side by side. */
    private static String lookups(SiteModel site, List<String> keys) {
        if (keys.isEmpty()) {
            return "";
        }
        StringBuilder state = new StringBuilder();
        for (String key : keys) {
            state.append(state.length() == 0 ? "" : ".").append(site.fingerprint(key));
        }
        return state.toString();
    }

    /**
     * What every file depends on: the templates and messages, the languages, the base URL, what other features
     * lend the templates and the code that renders. When any of them changes, no file of the live build is reused.
     */
    private String siteFingerprint(SiteModel site) {
        return Fingerprint.of("laituri-site", site.baseUrl(), site.languages(), site.defaultLanguage().code(),
                folder(templates), theme.fingerprint(), templateGlobals, CODE);
    }

    private static String folder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return "-";
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Object> parts = new ArrayList<>();
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                parts.add(dir.relativize(p).toString());
                parts.add(Files.readAllBytes(p));
            }
            return Fingerprint.of(parts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The renderers' own code: a jar by its size and time, classes in a folder by their bytes. When it cannot
     * be read, nothing a build of another process left can be trusted to match this code, so each process
     * starts with a full build; that is said once, with the cause, rather than left to be noticed as slowness.
     */
    private static final String CODE = code();

    private static String code() {
        try {
            Path location = Path.of(SiteBuilder.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                return folder(location.resolve("fi/laituri"));
            }
            return Fingerprint.of(location.toString(), Files.size(location), Files.getLastModifiedTime(location).toMillis());
        } catch (Exception e) {
            LOG.warn("the site renderers' code cannot be fingerprinted; the first build of this process renders every file", e);
            return "unknown-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        }
    }

    /** The live build's manifest time, or null: if it differs from what this instance left, someone else built. */
    private static FileTime liveManifestTime(Path root) {
        try {
            Path live = SiteWriter.live(root);
            return live == null ? null : manifestTime(live);
        } catch (IOException e) {
            return null;
        }
    }

    private static FileTime manifestTime(Path build) {
        try {
            return Files.getLastModifiedTime(build.resolveSibling(build.getFileName() + ".manifest"));
        } catch (IOException e) {
            return null;
        }
    }
}
