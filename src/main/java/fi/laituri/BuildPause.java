package fi.laituri;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * A test hook, inert in production: {@code KilledBuildTest} starts a build in a process of its own with the
 * system property {@code laituri.test.pause-at} naming a point of the build ({@code before-files},
 * {@code mid-files}, {@code before-swap}, {@code swap}, {@code swapped}, {@code indexing}; for
 * {@code KilledSchedulerTest}, {@code scheduled-publish}: inside the scheduler's transaction, after a due
 * publication was carried out and before it commits) and
 * {@code laituri.test.pause-marker} naming a file. On reaching that point the build writes the file and stops
 * there for good, and so does every other thread of the build that reaches a point after it, so the test can
 * kill the process with SIGKILL at exactly that moment. With {@code laituri.test.pause-for} (milliseconds) it stops
 * only that long and goes on, so that {@code StopDuringScheduledPublishTest} can stop the process in order meanwhile.
 * Without the property every call returns at once.
 */
public final class BuildPause {

    private static final String POINT = System.getProperty("laituri.test.pause-at");
    private static final String MARKER = System.getProperty("laituri.test.pause-marker");
    private static final long PAUSE_FOR = Long.getLong("laituri.test.pause-for", 0);
    private static volatile boolean paused;
    private static volatile boolean resumed;

    private BuildPause() {
    }

    /** The build has reached {@code point}. */
    public static void at(String point) {
        if (POINT == null || resumed || !(paused || POINT.equals(point))) {
            return;
        }
        synchronized (BuildPause.class) {
            if (!paused) {
                paused = true;
                try {
                    Files.writeString(Path.of(MARKER), point);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        if (PAUSE_FOR > 0) {
            LockSupport.parkNanos(PAUSE_FOR * 1_000_000L);
            resumed = true;
            return;
        }
        while (true) {
            LockSupport.park();
        }
    }
}
