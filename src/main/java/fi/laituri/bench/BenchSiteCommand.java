package fi.laituri.bench;

import fi.laituri.FileTrees;
import fi.laituri.cli.Application;
import fi.laituri.content.Api;
import fi.laituri.content.ContentFolder;
import fi.laituri.content.Documents;
import fi.laituri.security.Role;
import fi.laituri.security.Users;
import fi.laituri.workflow.Transitions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "site", mixinStandardHelpOptions = true,
        description = {"Site build benchmark: writes a corpus of N documents x 3 languages as a content folder and imports",
                "it (once, timed), then times `laituri build` in a cold process (full build, then a rebuild with nothing",
                "changed) beside Hugo alone and Hugo + Pagefind on the same pages when they are installed (wall time,",
                "peak RSS), then serves: the time from publishing one edit through the workflow to its page being live",
                "(p50/p95), one edit at a time and back to back; last it prints what its /metrics says of that load."})
class BenchSiteCommand implements Callable<Integer> {

    @Option(names = "--docs", defaultValue = "10000", description = "documents in the corpus (default: ${DEFAULT-VALUE})")
    int docs;

    @Option(names = "--edits", defaultValue = "50", description = "single edits to publish and time (default: ${DEFAULT-VALUE})")
    int edits;

    /** Time between one edit being live and the next one's start, when they are timed one at a time. */
    private static final long PAUSE_MILLIS = 500;
    /** Edits made, untimed, before the timed ones. */
    private static final int WARM_UP = 10;
    /** The seed of the corpus: the same documents every run. */
    private static final long SEED = 1;

    @Option(names = "--build-heap", defaultValue = "1g", description = "the -Xmx of the timed laituri build (default: ${DEFAULT-VALUE})")
    String buildHeap;

    @Option(names = "--out", defaultValue = "data-bench/site", description = "where the site is built (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--rounds", defaultValue = "2", description = {"cold full builds of each tool, in turn (laituri, Hugo,",
            "laituri, Hugo, ...); the table shows each tool's quicker one (default: ${DEFAULT-VALUE})"})
    int rounds;

    @Option(names = "--publishing-only", description = {"skip the cold builds, Hugo and Pagefind: time only publishing to live",
            "(to compare one change of the build code with the last, which the cold builds would take minutes to reach)"})
    boolean publishingOnly;

    private final Map<String, String> env;

    BenchSiteCommand() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        if (!environment.containsKey("LAITURI_DB_URL")) {
            environment.putIfAbsent("LAITURI_DATA_DIR", "data-bench");
        }
        env = environment;
    }

    /**
     * The corpus is written as a content folder and imported (timed) by a run of the application; then the full build
     * and a rebuild run as {@code laituri build} in a process of their own, cold, beside Hugo (and Pagefind) building
     * the same pages; last the application serves, its automatic build takes in the corpus's publish events and builds
     * each timed edit, and its {@code /metrics} is read.
     */
    @Override
    public Integer call() throws Exception {
        if (rounds < 1) {
            System.err.println("laituri: bench: --rounds must be at least 1");
            return 2;
        }
        // A fresh site folder with the id of the last run's: one outbox consumer across runs, not one more that lags.
        // With --publishing-only the last run's site is kept: serving takes it over as it is, and deleting its
        // files would take longer than the run (hours of a slow disk at 100,000 documents).
        Path id = out.resolve(".laituri-site");
        String kept = Files.exists(id) ? Files.readString(id) : null;
        Path work = out.toAbsolutePath().getParent();
        leftovers = work.resolve(".bench-leftovers");
        if (!publishingOnly) {
            aside(out);
        }
        if (kept != null) {
            Files.createDirectories(out);
            Files.writeString(id, kept);
        }
        System.out.println(BenchCommand.machine() + "; " + load());
        try {
            try (Application app = Application.start(env, Map.of("laituri.site.auto-build", false,
                    "laituri.scheduler.enabled", false, "laituri.site.output", out.toString(), "laituri.webhooks.enabled", false))) {
                if (!corpus(app, work.resolve("corpus"))) {
                    return 2;
                }
            }
            if (!publishingOnly && !coldBuilds(work)) {
                return 2;
            }
            try (Application app = Application.start(env, Map.of("laituri.site.auto-build", true,
                    "laituri.site.output", out.toString(), "laituri.webhooks.enabled", false,
                    "micronaut.server.port", -1))) {
                publishing(app);
            }
            System.out.printf("peak heap over the serving run: %d MB; %s%n", peakHeapMb(), load());
            return 0;
        } catch (Application.StartupFailure e) {
            System.err.println("laituri: " + e.getMessage());
            return 2;
        } finally {
            if (Files.exists(leftovers)) {
                System.out.println("deleting the files of earlier runs, now that nothing is timed (" + leftovers + ")");
                FileTrees.delete(leftovers);
            }
        }
    }

    /** Where the files of an earlier run wait until the timed runs are over ({@link #aside}). */
    private Path leftovers;

    /**
     * Moves an earlier run's {@code dir} out of the way, to be deleted after the timed runs. Deleting tens of thousands
     * of files goes on in the kernel after the deletion returns, {@code sync} or not (on a disk mounted with
     * {@code discard}, freeing their blocks is a request to the device each): a cold build right after it took 35 s
     * with 20 s of system time, against 28 s with 5 s.
     */
    private void aside(Path dir) throws IOException {
        if (Files.exists(dir)) {
            Files.createDirectories(leftovers);
            Files.move(dir, leftovers.resolve(dir.getFileName() + "-" + System.nanoTime()));
        }
    }

    /**
     * The full build and the rebuild, each in a cold process, beside Hugo and Pagefind; false when the build failed.
     * The full build and Hugo run {@link #rounds} times, in turn: one run of either varies by a second or two on a
     * machine of two cores (the disk's state after what ran before, the JIT's timing), and whichever ran first paid for
     * it alone. The table shows each tool's quicker run, all of them printed above it.
     */
    private boolean coldBuilds(Path work) throws IOException, InterruptedException {
        List<ChildRun> builds = new ArrayList<>();
        List<ChildRun> hugos = new ArrayList<>();
        Path hugoSite = work.resolve("hugo");
        Optional<Path> hugo = hugoSource(hugoSite);
        for (int round = 1; round <= rounds; round++) {
            String of = rounds == 1 ? "" : ", round " + round + " of " + rounds;
            // Each round's build into a folder of its own, so that each is a cold build of the whole site; the first
            // round's is the site that the rebuild, and serving after it, go on with.
            Path into = round == 1 ? out : work.resolve(out.getFileName() + "-round-" + round);
            if (round > 1) {
                aside(into);
            }
            ChildRun build = laituriBuild(work, into, "full build" + of);
            if (build == null) {
                return false;
            }
            builds.add(build);
            if (round == 1) {
                laituriBuild(work, out, "rebuild, nothing changed");
            } else {
                aside(into); // deleted when nothing is timed any more
            }
            if (hugo.isPresent()) {
                ChildRun run = hugo(hugo.get(), hugoSite, round, of);
                if (run == null) {
                    hugo = Optional.empty();
                } else {
                    hugos.add(run);
                }
            }
        }
        List<String> rows = new ArrayList<>();
        rows.add(row("laituri build (pages + search index)", quickest(builds)));
        if (!hugos.isEmpty()) {
            ChildRun quickestHugo = quickest(hugos);
            rows.add(row("hugo (pages only)", quickestHugo));
            pagefind(hugoSite, quickestHugo, rows);
        }
        System.out.println();
        System.out.printf("%-42s %10s %12s%n", "cold process, same corpus", "wall time", "peak RSS");
        rows.forEach(System.out::println);
        if (rounds > 1) {
            System.out.printf("(each the quicker of %d rounds, in turn: laituri build %s; hugo %s)%n", rounds,
                    wallTimes(builds), hugos.isEmpty() ? "not run" : wallTimes(hugos));
        }
        System.out.println();
        return true;
    }

    private static ChildRun quickest(List<ChildRun> runs) {
        return runs.stream().min(java.util.Comparator.comparingLong(ChildRun::millis)).orElseThrow();
    }

    /** The runs' wall times, in the order they ran. */
    private static String wallTimes(List<ChildRun> runs) {
        return runs.stream().map(r -> String.format("%.2f s", r.millis() / 1e3)).collect(java.util.stream.Collectors.joining(", "));
    }

    /** Makes the corpus and imports it, unless the database holds it already. */
    private boolean corpus(Application app, Path folder) throws IOException {
        CorpusWriter writer = app.bean(CorpusWriter.class);
        long held = writer.documents();
        if (held != 0 && !writer.holdsCorpusOf(docs)) {
            System.err.println("laituri: bench: the database holds " + held + " documents, not a benchmark corpus of "
                    + docs + "; run with the --docs it was made with, or point LAITURI_DB_URL at an empty database"
                    + " (or remove " + env.getOrDefault("LAITURI_DATA_DIR", "its data") + ")");
            return false;
        }
        if (held != 0) {
            return true;
        }
        aside(folder);
        long t = System.nanoTime();
        CorpusFolder.writeAuthors(folder);
        SyntheticCorpus.each(docs, SEED, d -> {
            try {
                CorpusFolder.writeContent(folder, d);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        System.out.printf("corpus: %d documents x 3 languages written as a content folder in %.1f s%n", docs, seconds(t));
        t = System.nanoTime();
        ContentFolder.ImportReport report = app.bean(ContentFolder.class).importFrom(folder);
        double took = seconds(t);
        System.out.printf("import: %d files (%d created, %d with problems) in %.1f s = %.0f files/s; %s%n",
                report.created() + report.updated() + report.unchanged() + report.problems().size(), report.created(),
                report.problems().size(), took, report.created() / took, load());
        report.problems().stream().limit(5).forEach(p -> System.err.println("import: " + p));
        return report.problems().isEmpty();
    }

    /**
     * {@code laituri build} into {@code into} in a process of its own with the heap of {@code --build-heap}; null when it
     * failed.
     */
    private ChildRun laituriBuild(Path work, Path into, String what) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        // Read before the build, which may note itself or write the archive.
        String archive = fi.laituri.cli.BuildJvm.step(env, List.of("-Xmx" + buildHeap), System.getProperty("java.class.path")).said();
        ChildRun run = ChildRun.of(List.of(java, "-Xmx" + buildHeap, "-cp", System.getProperty("java.class.path"),
                        "fi.laituri.Laituri", "build", "--out", into.toAbsolutePath().toString()),
                env, work.resolve("build.log"));
        if (run.exitCode() != 0) {
            System.err.println("laituri: bench: laituri build failed (exit " + run.exitCode() + "):\n" + run.tail());
            return null;
        }
        String said = Files.readAllLines(run.log()).stream().filter(l -> l.startsWith("Built ")).findFirst().orElse("");
        System.out.printf("%s (laituri build, -Xmx%s, cold process): %.2f s wall, peak RSS %d MB; it said: %s; class archive: %s; %s%n",
                what, buildHeap, run.millis() / 1e3, run.peakRssMb(), said, archive, load());
        return run;
    }

    /** Writes a Hugo site of the corpus and gives Hugo's program; empty (and says so) when it is not installed. */
    private Optional<Path> hugoSource(Path site) throws IOException {
        Optional<Path> hugo = onPath("hugo");
        if (hugo.isEmpty()) {
            System.out.println("Hugo is not installed, so it is left out (Debian: apt-get install hugo)");
            return hugo;
        }
        aside(site);
        CorpusFolder.writeHugoSite(site);
        SyntheticCorpus.each(docs, SEED, d -> {
            try {
                CorpusFolder.writeHugo(site, d);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return hugo;
    }

    /** Hugo alone, building the same pages into a folder of the round's own; null when it failed. */
    private ChildRun hugo(Path hugo, Path site, int round, String of) throws IOException, InterruptedException {
        Path destination = site.resolve(round == 1 ? "public" : "public-round-" + round);
        ChildRun run = ChildRun.of(List.of(hugo.toString(), "--quiet", "--source", site.toString(),
                "--destination", destination.toString()), Map.of(), site.resolve("hugo.log"));
        if (run.exitCode() != 0) {
            System.out.println("Hugo failed (exit " + run.exitCode() + "), left out:\n" + run.tail());
            return null;
        }
        long files;
        try (Stream<Path> walk = Files.walk(destination)) {
            files = walk.filter(Files::isRegularFile).count();
        }
        System.out.printf("hugo (pages only%s): %d files, %.2f s wall, peak RSS %d MB; %s%n", of, files,
                run.millis() / 1e3, run.peakRssMb(), load());
        if (round > 1) {
            aside(destination); // the first round's pages are the ones Pagefind indexes
        }
        return run;
    }

    /**
     * Pagefind indexing Hugo's pages (the first round's), as a Hugo site gets its search; left out when it is not
     * installed. Hugo + Pagefind adds its time to {@code hugo}'s.
     */
    private void pagefind(Path site, ChildRun hugo, List<String> rows) throws IOException, InterruptedException {
        Optional<Path> pagefind = onPath("pagefind");
        if (pagefind.isEmpty()) {
            System.out.println("Pagefind is not installed, so Hugo + Pagefind is left out (npm install -g pagefind)");
            return;
        }
        ChildRun run = ChildRun.of(List.of(pagefind.get().toString(), "--site", site.resolve("public").toString()),
                Map.of(), site.resolve("pagefind.log"));
        if (run.exitCode() != 0) {
            System.out.println("Pagefind failed (exit " + run.exitCode() + "), left out:\n" + run.tail());
            return;
        }
        rows.add(row("pagefind (search index of hugo's pages)", run));
        rows.add(String.format("%-42s %8.2f s %9s", "hugo + pagefind", (hugo.millis() + run.millis()) / 1e3, "-"));
    }

    private static String row(String what, ChildRun run) {
        return String.format("%-42s %8.2f s %9d MB", what, run.millis() / 1e3, run.peakRssMb());
    }

    private static Optional<Path> onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                .map(dir -> Path.of(dir, program)).filter(Files::isExecutable).findFirst();
    }

    /** The machine's load, printed with each figure: the figures of a busy machine are not to be trusted. */
    static String load() {
        try {
            String[] avg = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return "load average " + avg[0] + ", " + avg[1] + ", " + avg[2];
        } catch (IOException | RuntimeException e) {
            return "load average unknown";
        }
    }

    private void publishing(Application app) throws IOException, InterruptedException {
        String base = app.serve().replace("localhost", "127.0.0.1");
        Users users = app.bean(Users.class);
        token = (users.find(MONITOR).isPresent() ? users.newToken(MONITOR) : users.add(MONITOR, Role.ADMIN)).token();
        Random random = new Random(7);
        long t = System.nanoTime();
        edits(app, base, random, 1, 0, 600);
        caughtUp(app, 3600);
        System.out.printf("serve's first automatic builds, of the corpus's publish events and one edit: %.1f s%n", seconds(t));
        // Untimed: a serving process has long since compiled its build code. The first of these builds into the
        // other build directory, which it fills with the whole site (minutes at 100,000 documents).
        edits(app, base, random, 1, 0, 600);
        edits(app, base, random, WARM_UP - 1, 0, 30);
        long[] single = edits(app, base, random, edits, PAUSE_MILLIS, 30);
        System.out.printf("publish to live, one edit at a time (%d edits, %d ms apart): p50 %.0f ms, p95 %.0f ms, max %.0f ms%n",
                single.length, PAUSE_MILLIS, BenchCommand.p(single, 50), BenchCommand.p(single, 95), BenchCommand.p(single, 100));
        long[] busy = edits(app, base, random, edits, 0, 30);
        System.out.printf("publish to live, edits back to back (%d edits): p50 %.0f ms, p95 %.0f ms, max %.0f ms%n",
                busy.length, BenchCommand.p(busy, 50), BenchCommand.p(busy, 95), BenchCommand.p(busy, 100));
        metrics(base);
    }

    /**
     * Waits until the site's automatic build has taken in every publish event (the corpus's: 300,000 at 100,000
     * documents, built 10,000 at a time), so that the timed edits do not queue behind them.
     */
    private static void caughtUp(Application app, int deadlineSeconds) throws InterruptedException {
        fi.laituri.events.Outbox outbox = app.bean(fi.laituri.events.Outbox.class);
        long t = System.nanoTime();
        while (outbox.lag(java.time.Instant.now()).entrySet().stream()
                .anyMatch(e -> e.getKey().startsWith("site:") && !e.getValue().isZero())) {
            if (seconds(t) > deadlineSeconds) {
                throw new IllegalStateException("the site's build had not taken in the publish events after " + deadlineSeconds + " s");
            }
            Thread.sleep(200);
        }
    }

    /**
     * Edits the Finnish version of a random document, takes it through review and publishes it; the time
     * is from the publish request to the edited page being in the live site, built by serve's automatic build.
     * With a pause, each edit starts when the build of the one before has finished its work after the swap
     * (the manifest, the search index), as an editor's publishes are seconds apart; without, they follow at once.
     */
    private long[] edits(Application app, String base, Random random, int count, long pauseMillis, int deadlineSeconds)
            throws IOException, InterruptedException {
        Documents content = app.bean(Documents.class);
        Transitions transitions = app.bean(Transitions.class);
        CorpusWriter writer = app.bean(CorpusWriter.class);
        long[] latencies = new long[count];
        for (int i = 0; i < count; i++) {
            Thread.sleep(pauseMillis);
            long id = writer.id(SyntheticCorpus.key(random.nextInt(docs)));
            Api.VariantView v = content.getVariant(id, "fi");
            String title = "Muokattu otsikko " + i + " " + System.nanoTime();
            content.patchVariant(id, "fi", v.version(), new Api.VariantPatch(title, null, null, null, null, null, null),
                    CorpusWriter.EDITOR);
            transitions.apply(id, "fi", "submit", null, null, CorpusWriter.EDITOR);
            transitions.apply(id, "fi", "approve", null, null, CorpusWriter.PUBLISHER);
            Path page = out.resolve("current").resolve("fi").resolve(v.slug()).resolve("index.html");
            Path current = out.resolve("current");
            long t = System.nanoTime();
            transitions.apply(id, "fi", "publish", null, null, CorpusWriter.PUBLISHER);
            // The page is read only when `current` has moved, so that looking costs the build little CPU.
            Path seen = null;
            while (true) {
                // No site yet (--publishing-only into an empty folder) until the first automatic build is live.
                Path now = Files.isSymbolicLink(current) ? Files.readSymbolicLink(current) : null;
                if (now != null && !now.equals(seen)) {
                    seen = now;
                    if (Files.readString(page).contains(title)) {
                        break;
                    }
                }
                if (seconds(t) > deadlineSeconds) {
                    throw new IllegalStateException("the edit of document " + id + " was not live after " + deadlineSeconds + " s");
                }
                Thread.sleep(2);
            }
            latencies[i] = System.nanoTime() - t;
            // As readers and an editor's client would: the page, and the document through the API.
            read(base + "fi/" + v.slug() + "/", null);
            read(base + "api/v1/documents/" + id, token);
        }
        return latencies;
    }

    /** A GET on loopback, as a reader or a monitor makes it; its body, or a failure when it is not 200. */
    private static String read(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", url.contains("/api/") ? "application/json" : "text/html, text/plain");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What the serving instance's {@code /metrics} says of the load the benchmark put on it, read with a monitor token. */
    private void metrics(String base) throws IOException, InterruptedException {
        String metrics = read(base + "metrics", token);
        Path all = out.toAbsolutePath().resolveSibling("metrics.txt");
        Files.writeString(all, metrics);
        System.out.println("/metrics of the serving instance after the edits (" + base + "metrics, with a monitor's token;"
                + " all of it in " + all + "):");
        metrics.lines().filter(l -> !l.startsWith("#"))
                .filter(l -> l.startsWith("laituri_site_build_seconds_count") || l.startsWith("laituri_site_build_seconds_sum")
                        || l.startsWith("laituri_site_build_seconds_max") || l.startsWith("laituri_site_files_written_total")
                        || l.startsWith("laituri_outbox_lag_seconds") || l.startsWith("laituri_site_build_failures_total")
                        || l.startsWith("http_server_requests_seconds") || l.startsWith("hikaricp_connections_active"))
                .forEach(l -> System.out.println("  " + l));
    }

    private static final String MONITOR = "bench-monitor";
    /** An admin's token: it may read the API and {@code /metrics}. */
    private String token;

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** The heap pools' peaks added up: an upper bound of the heap in use at any one time. */
    private static long peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
    }
}
