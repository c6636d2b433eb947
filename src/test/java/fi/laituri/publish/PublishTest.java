package fi.laituri.publish;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code laituri publish}: the live build, and the search index, copied to a folder, an rsync daemon and an S3 bucket on loopback. */
class PublishTest {

    private static final String ACCESS = "AKIALAITURITEST";
    private static final String SECRET = "laituri-test-secret/key+with=odd";

    /** A site folder as a build leaves it: {@code builds/a} live through {@code current}. */
    static Path site(Path dir, Map<String, String> files) throws IOException {
        Path build = dir.resolve("site/builds/a");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = build.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        Path current = dir.resolve("site/current");
        if (!Files.exists(current, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(current, Path.of("builds/a"));
        }
        return build;
    }

    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Path root = dir.toRealPath();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return out;
    }

    static Map<String, String> someSite() {
        Map<String, String> files = new TreeMap<>();
        files.put("index.html", "<!doctype html><meta http-equiv=refresh content='0; url=/fi/'>");
        files.put("fi/index.html", "<h1>Etusivu</h1>");
        files.put("fi/kotoutuminen/index.html", "<h1>Kotoutuminen</h1>");
        files.put("sv/index.html", "<h1>Startsida</h1>");
        files.put("fi/feed.xml", "<feed/>");
        files.put("robots.txt", "User-agent: *");
        files.put("fi/tags/työ ja yrittäjyys/index.html", "<h1>Työ</h1>");
        return files;
    }

    @Test
    void signatureV4GivesAwssOwnExampleSignatureForAGetObject() {
        // https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html, "Example: GET Object"
        SigV4 signer = new SigV4("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1", "s3");
        Map<String, String> headers = new TreeMap<>();
        headers.put("Range", "bytes=0-9");
        headers.put("x-amz-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        headers.put("x-amz-date", "20130524T000000Z");
        String authorization = signer.authorization("GET", URI.create("https://examplebucket.s3.amazonaws.com/test.txt"), headers,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertEquals("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", authorization);
    }

    @Test
    void aFolderTargetHoldsExactlyTheLiveBuildAndLaterWritesOnlyWhatChanged(@TempDir Path dir) throws Exception {
        Path build = site(dir, someSite());
        Path to = dir.resolve("www");
        Published first = new FolderTarget(to).site(build);
        assertEquals(new Published(7, 0, 0), first);
        Map<String, String> expected = new TreeMap<>(someSite());
        expected.put(FolderTarget.MARK, Files.readString(to.resolve(FolderTarget.MARK)));
        assertEquals(expected, files(to));

        Files.writeString(build.resolve("fi/index.html"), "<h1>Uusi etusivu</h1>");
        Files.delete(build.resolve("fi/kotoutuminen/index.html"));
        Published second = new FolderTarget(to).site(build);
        assertEquals(new Published(1, 5, 1), second);
        assertEquals("<h1>Uusi etusivu</h1>", Files.readString(to.resolve("fi/index.html")));
        assertTrue(Files.notExists(to.resolve("fi/kotoutuminen")), "the emptied folder is gone too");
    }

    @Test
    void aFolderWithFilesLaituriDidNotPutThereIsRefusedAndKeepsThem(@TempDir Path dir) throws Exception {
        Path build = site(dir, someSite());
        Path to = Files.createDirectories(dir.resolve("home"));
        Files.writeString(to.resolve("thesis.odt"), "years of work");
        IOException refused = assertThrows(IOException.class, () -> new FolderTarget(to).site(build));
        assertTrue(refused.getMessage().contains("did not put there"), refused.getMessage());
        assertEquals(Map.of("thesis.odt", "years of work"), files(to));
    }

    @Test
    void theSearchIndexPublishedToAFolderIsSwitchedByItsCurrentLinkAndKeepsTheOneBefore(@TempDir Path dir) throws Exception {
        Path search = dir.resolve("site/search");
        Path one = Files.createDirectories(search.resolve("builds/index-1"));
        Files.writeString(one.resolve("_0.cfs"), "segment zero");
        Files.writeString(one.resolve("segments_1"), "commit one");
        Files.createSymbolicLink(search.resolve("current"), Path.of("builds/index-1"));
        Path node = dir.resolve("node");
        new FolderTarget(node).search(search);
        assertEquals(node.resolve("builds/index-1").toRealPath(), node.resolve("current").toRealPath());
        assertEquals(Map.of("_0.cfs", "segment zero", "segments_1", "commit one"), files(node.resolve("current")));

        // An incremental commit in place, then a full rebuild into a new folder.
        Files.writeString(one.resolve("_1.cfs"), "segment one");
        Files.move(one.resolve("segments_1"), one.resolve("segments_2"));
        new FolderTarget(node).search(search);
        assertEquals(Map.of("_0.cfs", "segment zero", "_1.cfs", "segment one", "segments_2", "commit one"), files(node.resolve("current")));

        Path two = Files.createDirectories(search.resolve("builds/index-2"));
        Files.writeString(two.resolve("_0.cfs"), "fresh");
        Files.writeString(two.resolve("segments_1"), "fresh commit");
        Path link = search.resolve("next");
        Files.createSymbolicLink(link, Path.of("builds/index-2"));
        Files.move(link, search.resolve("current"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        new FolderTarget(node).search(search);
        assertEquals(node.resolve("builds/index-2").toRealPath(), node.resolve("current").toRealPath());
        assertTrue(Files.isDirectory(node.resolve("builds/index-1")), "the index before stays for the searches still reading it");
    }

    @Test
    void anS3BucketOnLoopbackGetsEveryFileSignedWithItsTypeAndLaterOnlyTheChanges(@TempDir Path dir) throws Exception {
        Path build = site(dir, someSite());
        try (LoopbackBucket bucket = new LoopbackBucket("www", ACCESS, SECRET, 3)) {
            Map<String, String> env = Map.of("LAITURI_PUBLISH_S3_ENDPOINT", bucket.endpoint(),
                    "LAITURI_PUBLISH_S3_ACCESS_KEY", ACCESS, "LAITURI_PUBLISH_S3_SECRET_KEY", SECRET);
            bucket.objects.put("other/keep.txt", new LoopbackBucket.StoredObject("not ours".getBytes(StandardCharsets.UTF_8), "text/plain"));
            assertEquals(new Published(7, 0, 0), Target.parse("s3://www/kotoutuminen/", env).site(build));
            assertEquals("<h1>Kotoutuminen</h1>", new String(bucket.objects.get("kotoutuminen/fi/kotoutuminen/index.html").bytes(), StandardCharsets.UTF_8));
            assertEquals("text/html;charset=utf-8", bucket.objects.get("kotoutuminen/fi/index.html").contentType());
            assertEquals("application/atom+xml;charset=utf-8", bucket.objects.get("kotoutuminen/fi/feed.xml").contentType());
            assertTrue(bucket.objects.containsKey("kotoutuminen/fi/tags/työ ja yrittäjyys/index.html"), bucket.objects.keySet().toString());

            Files.writeString(build.resolve("sv/index.html"), "<h1>Ny startsida</h1>");
            Files.delete(build.resolve("robots.txt"));
            bucket.requests.clear();
            assertEquals(new Published(1, 5, 1), Target.parse("s3://www/kotoutuminen", env).site(build));
            assertEquals(3, bucket.requests.stream().filter(r -> r.startsWith("GET")).count(), "7 keys listed 3 a page: " + bucket.requests);
            assertEquals(1, bucket.requests.stream().filter(r -> r.startsWith("PUT")).count(), bucket.requests.toString());
            assertEquals(1, bucket.requests.stream().filter(r -> r.startsWith("DELETE")).count(), bucket.requests.toString());
            assertTrue(bucket.objects.containsKey("other/keep.txt"), "nothing outside the prefix is touched");
            assertTrue(!bucket.objects.containsKey("kotoutuminen/robots.txt"));
        }
    }

    @Test
    void aBucketRefusingTheSignatureIsNamedWithS3sReasonAndGetsNothing(@TempDir Path dir) throws Exception {
        Path build = site(dir, someSite());
        try (LoopbackBucket bucket = new LoopbackBucket("www", ACCESS, SECRET, 1000)) {
            Map<String, String> env = Map.of("LAITURI_PUBLISH_S3_ENDPOINT", bucket.endpoint(),
                    "AWS_ACCESS_KEY_ID", ACCESS, "AWS_SECRET_ACCESS_KEY", "not the secret");
            IOException refused = assertThrows(IOException.class, () -> Target.parse("s3://www", env).site(build));
            assertTrue(refused.getMessage().contains("403: SignatureDoesNotMatch"), refused.getMessage());
            assertTrue(bucket.objects.isEmpty());
        }
    }

    @Test
    void anRsyncDaemonOnLoopbackReceivesTheSiteAndLaterOnlyTheChanges(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/rsync")), "rsync is not installed (apt-get install rsync)");
        Path build = site(dir, someSite());
        Path module = Files.createDirectories(dir.resolve("module"));
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Path config = dir.resolve("rsyncd.conf");
        Files.writeString(config, "use chroot = no\npid file = " + dir.resolve("rsyncd.pid") + "\n[www]\npath = " + module
                + "\nread only = no\nuid = " + System.getProperty("user.name") + "\n");
        Process daemon = new ProcessBuilder("rsync", "--daemon", "--no-detach", "--address=127.0.0.1", "--port=" + port,
                "--config=" + config).redirectErrorStream(true).redirectOutput(dir.resolve("rsyncd.log").toFile()).start();
        try {
            String to = "rsync://127.0.0.1:" + port + "/www/site";
            Published first = awaitDaemon(() -> Target.parse(to, Map.of()).site(build), Duration.ofSeconds(30));
            assertEquals(7, first.written());
            assertEquals(someSite(), files(module.resolve("site")));

            Files.writeString(build.resolve("fi/index.html"), "<h1>Uusi etusivu</h1>");
            Files.delete(build.resolve("robots.txt"));
            Published second = Target.parse(to, Map.of()).site(build);
            assertEquals(1, second.written(), second.toString());
            assertEquals(1, second.deleted(), second.toString());
            Map<String, String> expected = new TreeMap<>(someSite());
            expected.put("fi/index.html", "<h1>Uusi etusivu</h1>");
            expected.remove("robots.txt");
            assertEquals(expected, files(module.resolve("site")));
        } finally {
            daemon.destroy();
            daemon.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @FunctionalInterface
    private interface Attempt {
        Published run() throws Exception;
    }

    /** The daemon listens a moment after it starts: try until it answers. */
    private static Published awaitDaemon(Attempt attempt, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return attempt.run();
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !e.getMessage().contains("exit code 10")) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
