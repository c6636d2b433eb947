package fi.laituri.publish;

import fi.laituri.site.ContentTypes;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * An S3-compatible bucket (AWS S3, MinIO, Ceph RGW, Garage, ...), spoken to over {@code java.net.http} with
 * Signature V4 and path-style addresses ({@code <endpoint>/<bucket>/<key>}): listing (ListObjectsV2), {@code PUT} and
 * {@code DELETE} are all a static site needs, so no SDK. An object whose ETag is the MD5 of the file (what S3 gives a
 * single-part upload) is not sent again; objects under the prefix that the build does not have are deleted last.
 */
final class S3Target implements Target {

    private static final int PARALLEL = 4;

    private final URI endpoint;
    private final String bucket;
    private final String prefix;
    private final SigV4 signer;
    private final HttpClient http;
    private final Clock clock;

    S3Target(URI endpoint, String bucket, String prefix, SigV4 signer, Clock clock) {
        this.endpoint = URI.create(endpoint.toString().replaceAll("/+$", ""));
        this.bucket = bucket;
        this.prefix = prefix;
        this.signer = signer;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** {@code s3://bucket/prefix} with the settings {@code LAITURI_PUBLISH_S3_*} (or the usual {@code AWS_*} credentials). */
    static S3Target of(URI to, Map<String, String> env) {
        String bucket = to.getHost();
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("an S3 target is s3://<bucket>/<prefix>, not " + to);
        }
        String path = to.getPath() == null ? "" : to.getPath().replaceAll("^/+|/+$", "");
        String region = first(env, "LAITURI_PUBLISH_S3_REGION", "AWS_REGION").orElse("us-east-1");
        String endpoint = first(env, "LAITURI_PUBLISH_S3_ENDPOINT").orElse("https://s3." + region + ".amazonaws.com");
        String accessKey = first(env, "LAITURI_PUBLISH_S3_ACCESS_KEY", "AWS_ACCESS_KEY_ID").orElseThrow(() ->
                new IllegalArgumentException("publishing to " + to + " needs LAITURI_PUBLISH_S3_ACCESS_KEY (or AWS_ACCESS_KEY_ID)"));
        String secretKey = first(env, "LAITURI_PUBLISH_S3_SECRET_KEY", "AWS_SECRET_ACCESS_KEY").orElseThrow(() ->
                new IllegalArgumentException("publishing to " + to + " needs LAITURI_PUBLISH_S3_SECRET_KEY (or AWS_SECRET_ACCESS_KEY)"));
        return new S3Target(URI.create(endpoint), bucket, path.isEmpty() ? "" : path + "/",
                new SigV4(accessKey, secretKey, region, "s3"), Clock.systemUTC());
    }

    private static java.util.Optional<String> first(Map<String, String> env, String... names) {
        return Stream.of(names).map(env::get).filter(v -> v != null && !v.isBlank()).findFirst();
    }

    @Override
    public Published site(Path build) throws IOException, InterruptedException {
        Map<String, String> remote = list();
        Map<String, Path> local = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(build)) {
            walk.filter(Files::isRegularFile).sorted().forEach(p -> local.put(prefix + build.relativize(p).toString().replace('\\', '/'), p));
        }
        List<Map.Entry<String, Path>> changed = new ArrayList<>();
        for (Map.Entry<String, Path> e : local.entrySet()) {
            if (!md5(Files.readAllBytes(e.getValue())).equals(remote.get(e.getKey()))) {
                changed.add(e);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (Map.Entry<String, Path> e : changed) {
                sent.add(pool.submit(() -> {
                    put(e.getKey(), Files.readAllBytes(e.getValue()), ContentTypes.of(e.getValue().getFileName().toString()));
                    return null;
                }));
            }
            awaitAll(sent);
            List<Future<?>> deletions = new ArrayList<>();
            for (String key : remote.keySet()) {
                if (!local.containsKey(key)) {
                    deletions.add(pool.submit(() -> {
                        delete(key);
                        return null;
                    }));
                }
            }
            awaitAll(deletions);
            return new Published(changed.size(), local.size() - changed.size(), deletions.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public Published search(Path searchFolder) {
        throw new IllegalArgumentException("a search node reads its index from a folder: publish the search index to a folder"
                + " or an rsync destination, not to a bucket");
    }

    private static void awaitAll(List<Future<?>> futures) throws IOException, InterruptedException {
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException(e.getCause().getMessage(), e.getCause());
            }
        }
    }

    /** Every object under the prefix, by key, with its ETag (unquoted). */
    private Map<String, String> list() throws IOException, InterruptedException {
        Map<String, String> objects = new HashMap<>();
        String token = null;
        do {
            Map<String, String> query = new java.util.TreeMap<>();
            query.put("list-type", "2");
            query.put("prefix", prefix);
            if (token != null) {
                query.put("continuation-token", token);
            }
            StringBuilder q = new StringBuilder();
            query.forEach((k, v) -> q.append(q.isEmpty() ? "" : "&").append(SigV4.encode(k, false)).append('=').append(SigV4.encode(v, false)));
            HttpResponse<byte[]> reply = send("GET", URI.create(endpoint + "/" + SigV4.encode(bucket, false) + "?" + q), null, null);
            org.w3c.dom.Document xml = parse(reply.body());
            NodeList contents = xml.getElementsByTagNameNS("*", "Contents");
            for (int i = 0; i < contents.getLength(); i++) {
                Element c = (Element) contents.item(i);
                objects.put(text(c, "Key"), text(c, "ETag").replace("\"", ""));
            }
            token = "true".equals(text(xml.getDocumentElement(), "IsTruncated")) ? text(xml.getDocumentElement(), "NextContinuationToken") : null;
        } while (token != null && !token.isEmpty());
        return objects;
    }

    private void put(String key, byte[] body, String contentType) throws IOException, InterruptedException {
        send("PUT", objectUri(key), body, contentType);
    }

    private void delete(String key) throws IOException, InterruptedException {
        send("DELETE", objectUri(key), null, null);
    }

    private URI objectUri(String key) {
        return URI.create(endpoint + "/" + SigV4.encode(bucket, false) + "/" + SigV4.encode(key, true));
    }

    private HttpResponse<byte[]> send(String method, URI uri, byte[] body, String contentType) throws IOException, InterruptedException {
        byte[] payload = body == null ? new byte[0] : body;
        String payloadHash = SigV4.sha256Hex(payload);
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("x-amz-content-sha256", payloadHash);
        signed.put("x-amz-date", SigV4.amzDate(clock.instant()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(payload))
                .header("Authorization", signer.authorization(method, uri, signed, payloadHash));
        signed.forEach(request::header);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<byte[]> reply = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (reply.statusCode() / 100 != 2) {
            throw new IOException("S3 " + method + " " + uri.getRawPath() + " answered " + reply.statusCode() + problem(reply.body()));
        }
        return reply;
    }

    /** S3's error code and message, when the body is an S3 error document. */
    private static String problem(byte[] body) {
        try {
            org.w3c.dom.Document xml = parse(body);
            return ": " + text(xml.getDocumentElement(), "Code") + " " + text(xml.getDocumentElement(), "Message");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static org.w3c.dom.Document parse(byte[] xml) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("the bucket's answer is not the XML S3 sends: " + e.getMessage(), e);
        }
    }

    private static String text(Element parent, String name) {
        NodeList found = parent.getElementsByTagNameNS("*", name);
        return found.getLength() == 0 ? "" : found.item(0).getTextContent();
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix + " at " + endpoint;
    }
}
