package fi.laituri.publish;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An S3-compatible bucket on loopback, as small as the test needs: path-style ListObjectsV2 (in pages of
 * {@code pageSize} keys), PUT and DELETE of objects; every request must carry a valid Signature V4 of the one
 * credential it knows, else 403 SignatureDoesNotMatch, as S3 answers.
 */
final class LoopbackBucket implements AutoCloseable {

    record StoredObject(byte[] bytes, String contentType) {
    }

    private final HttpServer server;
    private final String bucket;
    private final SigV4 signer;
    private final int pageSize;
    final Map<String, StoredObject> objects = new ConcurrentSkipListMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    LoopbackBucket(String bucket, String accessKey, String secretKey, int pageSize) throws IOException {
        this.bucket = bucket;
        this.signer = new SigV4(accessKey, secretKey, "us-east-1", "s3");
        this.pageSize = pageSize;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String method = exchange.getRequestMethod();
        URI uri = exchange.getRequestURI();
        requests.add(method + " " + uri.getRawPath());
        if (!signedRight(exchange, body)) {
            answer(exchange, 403, "<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not"
                    + " match the signature you provided.</Message></Error>");
            return;
        }
        String path = uri.getRawPath();
        if (method.equals("GET") && path.equals("/" + bucket)) {
            list(exchange, query(uri.getRawQuery()));
            return;
        }
        if (!path.startsWith("/" + bucket + "/")) {
            answer(exchange, 404, "<Error><Code>NoSuchBucket</Code><Message>no such bucket</Message></Error>");
            return;
        }
        String key = URLDecoder.decode(path.substring(bucket.length() + 2).replace("+", "%2B"), StandardCharsets.UTF_8);
        switch (method) {
            case "PUT" -> {
                objects.put(key, new StoredObject(body, exchange.getRequestHeaders().getFirst("Content-Type")));
                exchange.getResponseHeaders().add("ETag", "\"" + hex("MD5", body) + "\"");
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            }
            case "DELETE" -> {
                objects.remove(key);
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            }
            default -> answer(exchange, 405, "<Error><Code>MethodNotAllowed</Code><Message>no</Message></Error>");
        }
    }

    private boolean signedRight(HttpExchange exchange, byte[] body) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String payloadHash = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
        if (authorization == null || payloadHash == null || !payloadHash.equals(hex("SHA-256", body))) {
            return false;
        }
        String names = authorization.replaceFirst(".*SignedHeaders=([^,]*).*", "$1");
        Map<String, String> signed = new LinkedHashMap<>();
        for (String name : names.split(";")) {
            if (!name.equals("host")) {
                signed.put(name, exchange.getRequestHeaders().getFirst(name));
            }
        }
        URI as = URI.create("http://" + exchange.getRequestHeaders().getFirst("Host") + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        return authorization.equals(signer.authorization(exchange.getRequestMethod(), as, signed, payloadHash));
    }

    private void list(HttpExchange exchange, Map<String, String> query) throws IOException {
        String prefix = query.getOrDefault("prefix", "");
        String after = query.get("continuation-token");
        List<String> keys = new ArrayList<>(objects.keySet().stream().filter(k -> k.startsWith(prefix))
                .filter(k -> after == null || k.compareTo(after) > 0).toList());
        boolean truncated = keys.size() > pageSize;
        List<String> page = keys.subList(0, Math.min(pageSize, keys.size()));
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>" + bucket + "</Name>");
        for (String key : page) {
            xml.append("<Contents><Key>").append(key.replace("&", "&amp;").replace("<", "&lt;")).append("</Key><ETag>&quot;")
                    .append(hex("MD5", objects.get(key).bytes())).append("&quot;</ETag></Contents>");
        }
        xml.append("<IsTruncated>").append(truncated).append("</IsTruncated>");
        if (truncated) {
            xml.append("<NextContinuationToken>").append(page.get(page.size() - 1)).append("</NextContinuationToken>");
        }
        answer(exchange, 200, xml.append("</ListBucketResult>").toString());
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new TreeMap<>();
        if (raw != null) {
            Arrays.stream(raw.split("&")).map(p -> p.split("=", 2)).forEach(kv ->
                    out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : ""));
        }
        return out;
    }

    private static void answer(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
