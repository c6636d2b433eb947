package fi.laituri.bench;

import fi.laituri.FileTrees;
import fi.laituri.cli.Application;
import fi.laituri.cli.BuildCommand;
import fi.laituri.content.Api;
import fi.laituri.content.Documents;
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
import java.util.concurrent.Callable;

@Command(name = "site", mixinStandardHelpOptions = true,
        description = {"Site build benchmark: makes a corpus of N documents x 3 languages (once), then reports a full",
                "build (pages per second, peak heap), a rebuild with nothing changed, and the time from publishing",
                "one edit through the workflow to its page being live (p50/p95), with serve's automatic builds:",
                "one edit at a time, then edits back to back.",
                "Run it as `java -Xmx1g -jar target/laituri.jar bench site` to check the build fits in 1 GB."})
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

    @Option(names = "--out", defaultValue = "data-bench/site", description = "where the site is built (default: ${DEFAULT-VALUE})")
    Path out;

    private final Map<String, String> env;

    BenchSiteCommand() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        if (!environment.containsKey("LAITURI_DB_URL")) {
            environment.putIfAbsent("LAITURI_DATA_DIR", "data-bench");
        }
        env = environment;
    }

    /**
     * Two runs of the application on one database. The first writes the corpus and times the full build and
     * the rebuild with no automatic builds about. The second is a {@code serve}: its automatic build first
     * takes in the corpus's publish events, as a server would after a large import, then builds each timed edit.
     */
    @Override
    public Integer call() throws Exception {
        FileTrees.delete(out);
        try {
            try (Application app = Application.start(env, Map.of("laituri.site.auto-build", false,
                    "laituri.scheduler.enabled", false, "laituri.site.output", out.toString(), "laituri.webhooks.enabled", false))) {
                if (!corpusAndBuilds(app)) {
                    return 2;
                }
            }
            try (Application app = Application.start(env, Map.of("laituri.site.auto-build", true,
                    "laituri.site.output", out.toString(), "laituri.webhooks.enabled", false))) {
                publishing(app);
            }
            System.out.printf("peak heap over the whole run: %d MB%n", peakHeapMb());
            return 0;
        } catch (Application.StartupFailure e) {
            System.err.println("laituri: " + e.getMessage());
            return 2;
        }
    }

    private boolean corpusAndBuilds(Application app) {
        CorpusWriter writer = app.bean(CorpusWriter.class);
        long held = writer.documents();
        if (held != 0 && !writer.holdsCorpusOf(docs)) {
            System.err.println("laituri: bench: the database holds " + held + " documents, not a benchmark corpus of "
                    + docs + "; run with the --docs it was made with, or point LAITURI_DB_URL at an empty database"
                    + " (or remove " + env.getOrDefault("LAITURI_DATA_DIR", "its data") + ")");
            return false;
        }
        System.out.println(BenchCommand.machine());
        if (held == 0) {
            long t = System.nanoTime();
            writer.write(SyntheticCorpus.documents(docs, SEED));
            System.out.printf("corpus: %d documents x 3 languages written and published through the services in %.1f s%n",
                    docs, seconds(t));
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
        return true;
    }

    private void publishing(Application app) throws IOException, InterruptedException {
        Random random = new Random(7);
        long t = System.nanoTime();
        edits(app, random, 1, 0, 600);
        System.out.printf("serve's first automatic builds, of the corpus's publish events and one edit: %.1f s%n", seconds(t));
        edits(app, random, WARM_UP, 0, 30); // untimed: a serving process has long since compiled its build code
        long[] single = edits(app, random, edits, PAUSE_MILLIS, 30);
        System.out.printf("publish to live, one edit at a time (%d edits, %d ms apart): p50 %.0f ms, p95 %.0f ms, max %.0f ms%n",
                single.length, PAUSE_MILLIS, BenchCommand.p(single, 50), BenchCommand.p(single, 95), BenchCommand.p(single, 100));
        long[] busy = edits(app, random, edits, 0, 30);
        System.out.printf("publish to live, edits back to back (%d edits): p50 %.0f ms, p95 %.0f ms, max %.0f ms%n",
                busy.length, BenchCommand.p(busy, 50), BenchCommand.p(busy, 95), BenchCommand.p(busy, 100));
    }

    /**
     * Edits the Finnish version of a random document, takes it through review and publishes it; the time
     * is from the publish request to the edited page being in the live site, built by serve's automatic build.
     * With a pause, each edit starts when the build of the one before has finished its work after the swap
     * (the manifest, the search index), as an editor's publishes are seconds apart; without, they follow at once.
     */
    private long[] edits(Application app, Random random, int count, long pauseMillis, int deadlineSeconds)
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
                Path now = Files.readSymbolicLink(current);
                if (!now.equals(seen)) {
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
