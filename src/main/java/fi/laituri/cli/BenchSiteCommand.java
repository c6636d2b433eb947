package fi.laituri.cli;

import fi.laituri.FileTrees;
import fi.laituri.content.Api;
import fi.laituri.content.Documents;
import fi.laituri.content.SyntheticCorpus;
import fi.laituri.security.Actor;
import fi.laituri.security.Role;
import fi.laituri.site.BuildReport;
import fi.laituri.site.SiteBuilder;
import fi.laituri.workflow.Transitions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

@Command(name = "site", mixinStandardHelpOptions = true,
        description = {"Site build benchmark: makes a corpus of N documents x 3 languages (once), then reports a full",
                "build (pages per second, peak heap), a rebuild with nothing changed, and the time from publishing",
                "one edit through the workflow to its page being live (p50/p95), with serve's automatic builds:",
                "one edit at a time, then edits back to back.",
                "Run it as `java -Xmx1g -jar target/laituri.jar bench site` to check the build fits in 1 GB."})
class BenchSiteCommand extends AppCommand {

    private static final Actor EDITOR = new Actor("bench-editor", Role.EDITOR, Set.of());
    private static final Actor PUBLISHER = new Actor("bench-publisher", Role.PUBLISHER, Set.of());
    private static final Actor ADMIN = new Actor("bench-admin", Role.ADMIN, Set.of());

    @Option(names = "--docs", defaultValue = "10000", description = "documents in the corpus (default: ${DEFAULT-VALUE})")
    int docs;

    @Option(names = "--edits", defaultValue = "50", description = "single edits to publish and time (default: ${DEFAULT-VALUE})")
    int edits;

    /** Time between one edit being live and the next one's start, when they are timed one at a time. */
    private static final long PAUSE_MILLIS = 500;
    /** Edits made, untimed, before the timed ones. */
    private static final int WARM_UP = 10;

    @Option(names = "--out", defaultValue = "data-bench/site", description = "where the site is built (default: ${DEFAULT-VALUE})")
    Path out;

    BenchSiteCommand() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        if (!environment.containsKey("LAITURI_DB_URL")) {
            environment.putIfAbsent("LAITURI_DATA_DIR", "data-bench");
        }
        env = environment;
    }

    @Override
    Map<String, Object> properties() {
        return Map.of("laituri.site.auto-build", true, "laituri.site.output", out.toString(),
                "laituri.webhooks.enabled", false);
    }

    /** The site is built afresh: removed before the application's automatic builds may start on it. */
    @Override
    void beforeStart() throws IOException {
        FileTrees.delete(out);
    }

    @Override
    int run(Application app) throws Exception {
        try (app) {
            SyntheticCorpus corpus = app.bean(SyntheticCorpus.class);
            if (corpus.others() > 0) {
                System.err.println("laituri: bench: the database holds " + corpus.others() + " documents of its own; "
                        + "point LAITURI_DB_URL at an empty database (or unset it to use ./data-bench)");
                return 2;
            }
            int size = corpus.size();
            if (size != 0 && size != docs) {
                System.err.println("laituri: bench: the database holds a corpus of " + size + " documents; run with --docs "
                        + size + " or remove " + env.getOrDefault("LAITURI_DATA_DIR", "its data"));
                return 2;
            }
            System.out.println(BenchCommand.machine());
            if (size == 0) {
                long t = System.nanoTime();
                corpus.create(docs, 1, ADMIN);
                System.out.printf("corpus: %d documents x 3 languages written in %.1f s%n", docs, seconds(t));
            }
            SiteBuilder builder = app.bean(SiteBuilder.class);
            resetPeaks();
            BuildReport full = builder.build(out, false, BuildCommand.progress(System.out, System.console() != null));
            System.out.printf("full build: %d files in %.2f s = %.0f files/s (then the search index of every page, %.2f s);"
                            + " %d warnings; peak heap %d MB (max heap %d MB)%n", full.files(), full.millis() / 1e3,
                    full.files() / (full.millis() / 1e3), full.searchMillis() / 1e3, full.warnings().size(), peakHeapMb(),
                    Runtime.getRuntime().maxMemory() >> 20);
            long t = System.nanoTime();
            BuildReport again = builder.build(out);
            System.out.printf("rebuild, nothing changed: %d files written, %d unchanged, in %.2f s%n",
                    again.written().size(), again.unchanged(), seconds(t));
            Random random = new Random(7);
            Thread.sleep(1500); // the automatic build starts a second after the application
            edits(app, random, WARM_UP, 0); // untimed: a serving process has long since compiled its build code
            long[] single = edits(app, random, edits, PAUSE_MILLIS);
            System.out.printf("publish to live, one edit at a time (%d edits, %d ms apart): p50 %.0f ms, p95 %.0f ms, max %.0f ms%n",
                    single.length, PAUSE_MILLIS, BenchCommand.p(single, 50), BenchCommand.p(single, 95), BenchCommand.p(single, 100));
            long[] busy = edits(app, random, edits, 0);
            System.out.printf("publish to live, edits back to back (%d edits): p50 %.0f ms, p95 %.0f ms, max %.0f ms%n",
                    busy.length, BenchCommand.p(busy, 50), BenchCommand.p(busy, 95), BenchCommand.p(busy, 100));
            System.out.printf("peak heap over the whole run: %d MB%n", peakHeapMb());
            return 0;
        }
    }

    /**
     * Edits the Finnish version of a random document, takes it through review and publishes it; the time
     * is from the publish request to the edited page being in the live site, built by serve's automatic build.
     * With a pause, each edit starts when the build of the one before has finished its work after the swap
     * (the manifest, the search index), as an editor's publishes are seconds apart; without, they follow at once.
     */
    private long[] edits(Application app, Random random, int count, long pauseMillis) throws IOException, InterruptedException {
        Documents content = app.bean(Documents.class);
        Transitions transitions = app.bean(Transitions.class);
        long[] latencies = new long[count];
        for (int i = 0; i < count; i++) {
            Thread.sleep(pauseMillis);
            long id = 1 + random.nextInt(docs);
            Api.VariantView v = content.getVariant(id, "fi");
            String title = "Muokattu otsikko " + i + " " + System.nanoTime();
            content.patchVariant(id, "fi", v.version(), new Api.VariantPatch(title, null, null, null, null, null, null), EDITOR);
            transitions.apply(id, "fi", "submit", null, null, EDITOR);
            transitions.apply(id, "fi", "approve", null, null, PUBLISHER);
            Path page = out.resolve("current").resolve("fi").resolve(v.slug()).resolve("index.html");
            Path current = out.resolve("current");
            long t = System.nanoTime();
            transitions.apply(id, "fi", "publish", null, null, PUBLISHER);
            // The page is read only when `current` has moved, so that looking costs the build little CPU.
            Path seen = null;
            while (true) {
                Path now = Files.readSymbolicLink(current);
                if (!now.equals(seen)) {
                    seen = now;
                    if (Files.readString(page).contains(title)) {
                        break;
                    }
                }
                if (seconds(t) > 30) {
                    throw new IllegalStateException("the edit of document " + id + " was not live after 30 s");
                }
                Thread.sleep(2);
            }
            latencies[i] = System.nanoTime() - t;
        }
        return latencies;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The heap pools' peaks added up: an upper bound of the heap in use at any one time. */
    private static long peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
    }
}
