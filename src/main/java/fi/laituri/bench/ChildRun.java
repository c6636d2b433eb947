package fi.laituri.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A program run as a child process and measured as {@code /usr/bin/time -v} would: its wall time and its peak
 * resident memory ({@code VmHWM} of {@code /proc/<pid>/status}, read every few milliseconds while it runs), with the
 * peaks of the processes it starts added (npm's {@code pagefind} is a script that starts the real program; an embedded
 * MariaDB is a child of Laituri's JVM). Its output goes to a log file.
 */
record ChildRun(int exitCode, long millis, long peakRssMb, Path log) {

    /**
     * Lets what the runs before wrote reach the disk ({@code sync}) before a timed run starts, so that no run pays for
     * another's writing: the first cold build came right after the import had written its corpus and database, and
     * Hugo right after its source was written, and each met the other's writeback in its file creation.
     */
    private static void settle() throws IOException, InterruptedException {
        try {
            new ProcessBuilder("sync").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            // No sync command (not a Unix): the runs are timed as they come.
        }
    }

    /** How often the peak memory of a timed run is read. */
    private static final long POLL_MILLIS = 100;

    static ChildRun of(List<String> command, Map<String, String> env, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        settle();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        Map<Long, Long> peaks = new java.util.HashMap<>();
        // VmHWM is the kernel's own high-water mark, so a reading now and then is enough: the last one before the
        // process ends holds its peak but for the last moments. Reading every 5 ms (listing descendants walks all of
        // /proc) took a third of a core from the run it measured.
        while (process.isAlive()) {
            peaks.merge(process.pid(), highWaterKb(process.pid()), Math::max);
            process.descendants().forEach(p -> peaks.merge(p.pid(), highWaterKb(p.pid()), Math::max));
            process.waitFor(POLL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        int exit = process.waitFor();
        long peakKb = peaks.values().stream().mapToLong(Long::longValue).sum();
        return new ChildRun(exit, (System.nanoTime() - start) / 1_000_000, peakKb >> 10, log);
    }

    /** The process's peak resident set so far, in kB; 0 once it has gone (or where there is no /proc). */
    private static long highWaterKb(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // It has just exited.
        }
        return 0;
    }

    /** The last lines of its output, for saying why it failed. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(see " + log + ")";
        }
    }
}
