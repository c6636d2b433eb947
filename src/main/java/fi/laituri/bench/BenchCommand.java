package fi.laituri.bench;

import fi.laituri.FileTrees;
import fi.laituri.cli.SearchNode;
import fi.laituri.search.SearchDocument;
import fi.laituri.search.SearchIndex;
import fi.laituri.search.SearchIndexer;
import fi.laituri.search.lucene.IndexFiles;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks on synthetic content. 'site' writes its corpus into a database of its own",
                "(embedded: LAITURI_DATA_DIR, default ./data-bench; a server: LAITURI_DB_URL naming an empty database);",
                "'search' needs no database."},
        subcommands = {BenchSiteCommand.class, BenchCommand.Search.class, BenchMediaCommand.class})
public class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The query mix: inflected forms, compound parts, typos, multi-word queries, in each language. */
    private static final List<String[]> QUERIES = List.of(
            new String[] {"fi", "kotoutumisen"}, new String[] {"fi", "järjestöjen yhteistyö"}, new String[] {"fi", "koulutus"},
            new String[] {"fi", "kotoutminen"}, new String[] {"fi", "maahanmuuttajien palvelut kunnissa"},
            new String[] {"fi", "työllisyyden kehittäminen"}, new String[] {"fi", "rahoitusta hankkeille"},
            new String[] {"fi", "verkostossa"}, new String[] {"sv", "integrationens"}, new String[] {"sv", "utbildning"},
            new String[] {"sv", "invandrares sysselsättning"}, new String[] {"sv", "samarbetet kommunerna"},
            new String[] {"sv", "integrasion"}, new String[] {"sv", "finansiering projekt"},
            new String[] {"selko", "kurssille"}, new String[] {"selko", "työpaikan"}, new String[] {"selko", "asunto kunta"},
            new String[] {"selko", "terveyskeskus"}, new String[] {"selko", "kotoutumista suomessa"});

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = {"Index a synthetic corpus of DOCS pages in each of fi, sv and selko, then time a query mix",
                    "in-process and over HTTP on loopback with concurrent clients. Needs no database."})
    static class Search implements Callable<Integer> {

        @Option(names = "--docs", defaultValue = "10000", description = "pages per language (default: ${DEFAULT-VALUE})")
        int docs;

        @Option(names = "--clients", defaultValue = "16", description = "concurrent HTTP clients (default: ${DEFAULT-VALUE})")
        int clients;

        @Option(names = "--queries", defaultValue = "10000", description = "queries in each timed run (default: ${DEFAULT-VALUE})")
        int queries;

        @Option(names = "--per-query", description = "also print each query's in-process median")
        boolean perQuery;

        @Option(names = "--warm-up-rounds", defaultValue = "8",
                description = "at most this many untimed HTTP rounds before the timed one (default: ${DEFAULT-VALUE})")
        int warmUpRounds;

        @Option(names = "--max-seconds", defaultValue = "60", description = "stop a timed run after this long (default: ${DEFAULT-VALUE})")
        int maxSeconds;

        @Override
        public Integer call() throws Exception {
            Path root = Files.createTempDirectory("laituri-bench-");
            ApplicationContext context = SearchNode.start(Map.of(
                    "laituri.search.index", root.resolve("search").toString(), "micronaut.server.port", 0,
                    "micronaut.server.host", "127.0.0.1",
                    "laituri.search.rate-limit.per-second", 1e9, "laituri.search.rate-limit.burst", 1_000_000_000L));
            try {
                System.out.println(machine());
                List<SearchDocument> corpus = SyntheticCorpus.searchDocuments(docs, 42);
                long words = corpus.stream().mapToLong(d -> d.bodyText().split("\\s+").length).sum();
                System.out.printf("corpus: %d pages (%d × fi, sv, selko), %d body words on average%n",
                        corpus.size(), docs, words / corpus.size());
                SearchIndexer indexer = context.getBean(SearchIndexer.class);
                long start = System.nanoTime();
                indexer.replaceAll(root, corpus);
                double seconds = (System.nanoTime() - start) / 1e9;
                Path live = root.resolve("search").resolve("current").toRealPath();
                long bytes = IndexFiles.size(live);
                System.out.printf("indexing: %.1f s, %.0f docs/s; index %.1f MB, %.0f KB per 1,000 docs, %d segments%n",
                        seconds, corpus.size() / seconds, bytes / 1e6, bytes / 1024.0 / (corpus.size() / 1000.0),
                        segments(live));

                SearchIndex index = context.getBean(SearchIndex.class);
                runInProcess(index, queries / 4);
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long cpu = threads.getCurrentThreadCpuTime();
                long[] inProcess = runInProcess(index, queries);
                cpu = threads.getCurrentThreadCpuTime() - cpu;
                System.out.printf("in-process, 1 thread: %d queries, p50 %.2f ms, p99 %.2f ms, CPU %.2f ms a query (highlighting and facets included)%n",
                        inProcess.length, p(inProcess, 50), p(inProcess, 99), cpu / 1e6 / inProcess.length);
                if (perQuery) {
                    for (int i = 0; i < QUERIES.size(); i++) {
                        final int k = i;
                        long[] mine = java.util.stream.IntStream.range(0, inProcess.length)
                                .filter(j -> j % QUERIES.size() == k).mapToLong(j -> inProcess[j]).toArray();
                        System.out.printf("  %-6s %-36s p50 %.2f ms%n", QUERIES.get(i)[0], QUERIES.get(i)[1], p(mine, 50));
                    }
                }

                EmbeddedServer server = context.getBean(EmbeddedServer.class);
                server.start();
                warmUp(server.getPort());
                long started = System.nanoTime();
                long processCpu = processCpu();
                long[] http = runHttp(server.getPort(), clients, queries, maxSeconds);
                processCpu = processCpu() - processCpu;
                double wall = (System.nanoTime() - started) / 1e9;
                System.out.printf("HTTP, %d clients on loopback: %d queries, p50 %.2f ms, p99 %.2f ms, %.0f queries/s,"
                                + " CPU %.2f ms a query (server and clients)%n",
                        clients, http.length, p(http, 50), p(http, 99), http.length / wall, processCpu / 1e6 / http.length);
                return 0;
            } finally {
                context.close();
                FileTrees.delete(root);
            }
        }

        /**
         * The segments of the index: a search does per segment what it does once for the index (look up each
         * term, build each scorer), so their number explains part of a query's cost.
         */
        private static int segments(Path index) throws IOException {
            try (FSDirectory directory = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(directory)) {
                return reader.leaves().size();
            }
        }

        /**
         * Untimed rounds of a quarter as many queries until the JIT compiler has settled: a serving process has long
         * since compiled its code, and C2 compiling under the timed run (seen at a tenth of the CPU in a profile of
         * the run after one round) would be counted as the queries' CPU and delay them. Settled: the compilers took
         * under 2 % of the round's CPU; at most {@code --warm-up-rounds} rounds.
         */
        private void warmUp(int port) throws Exception {
            java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
            int rounds = 0;
            double share = 1;
            while (rounds < Math.max(1, warmUpRounds) && share >= 0.02) {
                long compiling = jit.getTotalCompilationTime();
                long cpu = processCpu();
                runHttp(port, clients, Math.max(1, queries / 4), maxSeconds);
                rounds++;
                share = (jit.getTotalCompilationTime() - compiling) * 1e6 / Math.max(1, processCpu() - cpu);
            }
            System.out.printf("HTTP warm-up: %d rounds of %d queries; the JIT compilers took %.1f %% of the last round's CPU%n",
                    rounds, Math.max(1, queries / 4), share * 100);
        }

        /** The CPU time of this process (server and load generator alike: they share the machine's cores), in ns. */
        private static long processCpu() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }

        private static long[] runInProcess(SearchIndex index, int n) {
            long[] times = new long[n];
            for (int i = 0; i < n; i++) {
                String[] q = QUERIES.get(i % QUERIES.size());
                long t = System.nanoTime();
                index.search(new SearchIndex.Request(q[1], q[0], null, null, 1 + (i / QUERIES.size()) % 2));
                times[i] = System.nanoTime() - t;
            }
            return times;
        }

        /**
         * {@code clients} threads share {@code n} requests; each request waits for its answer before the next. Each
         * client is one HTTP/1.1 keep-alive connection written and read directly, as wrk does, so that the load
         * generator takes little of the machine's CPU from the server it measures.
         */
        private static long[] runHttp(int port, int clients, int n, int maxSeconds) throws Exception {
            AtomicInteger next = new AtomicInteger();
            long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                List<Future<List<Long>>> results = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    results.add(pool.submit(() -> {
                        List<Long> times = new ArrayList<>();
                        try (HttpConnection connection = new HttpConnection(port)) {
                            for (int i = next.getAndIncrement(); i < n && System.nanoTime() < deadline; i = next.getAndIncrement()) {
                                String[] q = QUERIES.get(i % QUERIES.size());
                                String path = "/api/search?lang=" + q[0] + "&q=" + URLEncoder.encode(q[1], StandardCharsets.UTF_8);
                                long t = System.nanoTime();
                                int status = connection.get(path);
                                times.add(System.nanoTime() - t);
                                if (status != 200) {
                                    throw new IOException("HTTP " + status + " for " + path);
                                }
                            }
                        }
                        return times;
                    }));
                }
                List<Long> all = new ArrayList<>();
                for (Future<List<Long>> f : results) {
                    all.addAll(f.get());
                }
                return all.stream().mapToLong(Long::longValue).toArray();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** One keep-alive HTTP/1.1 connection to loopback: GET a path, read the whole answer, return its status. */
    static final class HttpConnection implements AutoCloseable {

        private final Socket socket;
        private final OutputStream out;
        private final BufferedInputStream in;

        HttpConnection(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        }

        int get(String path) throws IOException {
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = line();
            int code = Integer.parseInt(status.split(" ", 3)[1]);
            long length = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String name = header.substring(0, Math.max(0, header.indexOf(':'))).strip().toLowerCase(java.util.Locale.ROOT);
                String value = header.substring(header.indexOf(':') + 1).strip();
                if (name.equals("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equals("transfer-encoding") && value.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].strip(), 16); size > 0;
                     size = Long.parseLong(line().split(";")[0].strip(), 16)) {
                    skip(size);
                    line();
                }
                line();
            } else if (length >= 0) {
                skip(length);
            } else {
                throw new IOException("an answer without a length on a keep-alive connection");
            }
            return code;
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                long skipped = in.skip(n);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("connection closed mid-answer");
                    }
                    skipped = 1;
                }
                n -= skipped;
            }
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed mid-answer");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The machine a benchmark ran on, for its report. */
    static String machine() {
        String cpu = "unknown CPU";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
        } catch (IOException e) {
            // not Linux: the core count and Java version still say something
        }
        return "machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + cpu + ", Java " + Runtime.version();
    }

    /** The {@code percentile}th of {@code nanos}, in milliseconds. */
    static double p(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }

}
