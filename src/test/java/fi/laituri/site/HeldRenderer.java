package fi.laituri.site;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One more output of the build, in the contexts of tests that set {@code laituri.test.held-renderer}: a file
 * rendered afresh by every build, which the test can make wait (to look at the database while a build runs)
 * or fail (to see how a failed build is handled).
 */
@Singleton
@Requires(property = "laituri.test.held-renderer", value = "true")
class HeldRenderer implements SiteRenderer {

    private volatile CountDownLatch rendering = new CountDownLatch(0);
    private volatile CountDownLatch release = new CountDownLatch(0);
    private volatile boolean failing;

    /** The next build waits in rendering this file until {@link #release()}. */
    void hold() {
        rendering = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    /** Waits until a held build is rendering. */
    void awaitRendering() throws InterruptedException {
        if (!rendering.await(20, TimeUnit.SECONDS)) {
            throw new AssertionError("no build started rendering within 20 s");
        }
    }

    void release() {
        release.countDown();
    }

    void failing(boolean fail) {
        failing = fail;
    }

    @Override
    public List<PlannedFile> plan(SiteModel site, List<String> warnings) {
        return List.of(new PlannedFile("held.txt", Fingerprint.of("held", System.nanoTime()), () -> {
            if (failing) {
                throw new IllegalStateException("the held renderer was told to fail");
            }
            rendering.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("the test did not release the build within 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return PlannedFile.Rendered.of("held".getBytes(StandardCharsets.UTF_8));
        }));
    }
}
