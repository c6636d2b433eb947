package fi.laituri.site;

import fi.laituri.ApiClient;
import fi.laituri.ApiTest;
import fi.laituri.FileTrees;
import fi.laituri.security.Role;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The site's folder on a small file system of its own (a size-limited tmpfs, which needs root; without it the
 * test is skipped) that fills up: a build that cannot write leaves the live site as it was, is counted as a
 * failure, and is tried again by itself until it succeeds once there is room.
 */
@MicronautTest(transactional = false)
class DiskFullBuildTest extends ApiTest {

    private static final Path MOUNT;
    private static final boolean MOUNTED;

    static {
        try {
            MOUNT = Files.createTempDirectory("laituri-disk-full-");
            Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", MOUNT.toString())
                    .redirectErrorStream(true).start();
            MOUNTED = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Inject
    MeterRegistry meters;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("laituri.site.output", MOUNT.resolve("site").toString(), "laituri.site.auto-build", "true",
                "laituri.site.auto-build-interval", "200ms", "laituri.site.auto-build-backoff-base", "200ms",
                "laituri.site.auto-build-backoff-max", "1s");
    }

    @AfterAll
    void unmount() throws Exception {
        if (MOUNTED) {
            new ProcessBuilder("umount", "-l", MOUNT.toString()).start().waitFor(30, TimeUnit.SECONDS);
        }
        FileTrees.delete(MOUNT);
    }

    @Test
    void aBuildOnAFullDiskKeepsTheLiveSiteIsReportedAndSucceedsOnceThereIsRoom() throws Exception {
        Assumptions.assumeTrue(MOUNTED, "mounting a tmpfs needs root");
        ApiClient editor = ApiClient.as(client, users, Role.EDITOR);
        ApiClient publisher = ApiClient.as(client, users, Role.PUBLISHER);
        ApiClient reader = new ApiClient(client, null);
        String before = ApiClient.publishNewArticle(editor, publisher, "Ennen täyttä levyä", "Tämä on jo sivustolla.")
                .get("variants.0.slug");
        await(() -> reader.get("/fi/" + before + "/").status() == 200, "the first article is live");
        Path filler = fill(MOUNT.resolve("filler"));
        double failuresBefore = failures();

        String after = ApiClient.publishNewArticle(editor, publisher, "Levyn täytyttyä", "Tämä odottaa tilaa.")
                .get("variants.0.slug");

        await(() -> failures() >= failuresBefore + 2, "the build failed and was tried again");
        assertEquals(200, reader.get("/fi/" + before + "/").status(), "the live site stays");
        assertEquals(404, reader.get("/fi/" + after + "/").status());

        Files.delete(filler);

        await(() -> reader.get("/fi/" + after + "/").status() == 200, "the retried build published the second article");
        assertEquals(200, reader.get("/fi/" + before + "/").status());
    }

    private double failures() {
        return meters.counter("laituri.site.build.failures").count();
    }

    /** Writes until the file system is full. */
    private static Path fill(Path filler) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException full) {
            return filler;
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within a minute: " + what);
    }
}
