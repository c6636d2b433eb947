package fi.laituri.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code laituri} run as its own process, as a user starts it: {@code java -cp <the test classpath>
 * fi.laituri.Laituri}, which finds files as {@code java -jar laituri.jar} does, in a working folder of the
 * test's choosing. Its output goes to files in that folder's parent, so the working folder holds only what
 * Laituri itself writes there.
 */
final class LaituriProcess implements AutoCloseable {

    private final Process process;
    private final Path out;
    private final Path err;

    private LaituriProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static LaituriProcess start(Path workingDir, Map<String, String> env, String... args) throws IOException {
        return start(List.of(), workingDir, env, args);
    }

    /** As {@link #start(Path, Map, String...)}, with options for the JVM (system properties of test hooks). */
    static LaituriProcess start(List<String> jvmOptions, Path workingDir, Map<String, String> env, String... args)
            throws IOException {
        return startOn(System.getProperty("java.class.path"), jvmOptions, workingDir, env, args);
    }

    /** As {@link #start(List, Path, Map, String...)}, on the class path {@code classPath}. */
    static LaituriProcess startOn(String classPath, List<String> jvmOptions, Path workingDir, Map<String, String> env,
                                  String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, "fi.laituri.Laituri"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workingDir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("LAITURI_"));
        pb.environment().putAll(env);
        String name = workingDir.getFileName() + "-" + String.join("-", args).replaceAll("[^A-Za-z0-9-]", "");
        Path out = workingDir.resolveSibling(name + ".out");
        Path err = workingDir.resolveSibling(name + ".err");
        return new LaituriProcess(pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start(), out, err);
    }

    /** Waits for a line of standard output that contains {@code text}; false when the process ended or time ran out. */
    boolean awaitOutput(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (out().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return out().contains(text);
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        return false;
    }

    /** Waits for the process to end and returns its exit code; -1 when it is still running at the deadline. */
    int awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** Asks the process to stop, as a service manager or Ctrl+C does (SIGTERM). */
    void terminate() {
        process.destroy();
    }

    /** Kills the process as a crash or the OOM killer would (SIGKILL): nothing of it runs after this. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(1, TimeUnit.MINUTES);
    }

    /** The process, to see the processes it started. */
    ProcessHandle handle() {
        return process.toHandle();
    }

    String out() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String err() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    List<String> errLines() throws IOException {
        return err().lines().filter(l -> !l.isBlank()).toList();
    }

    /** Stops the process if a test left it running: asked first, so it stops its embedded database too. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
