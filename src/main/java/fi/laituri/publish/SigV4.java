package fi.laituri.publish;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * AWS Signature Version 4 for S3 requests (the header form), as every S3-compatible store accepts it: the
 * canonical request, the string to sign and the derived signing key of
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html. Paths are sent
 * already encoded, once (S3 does not encode them twice).
 */
final class SigV4 {

    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private final String accessKey;
    private final String secretKey;
    private final String region;
    private final String service;

    SigV4(String accessKey, String secretKey, String region, String service) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
        this.service = service;
    }

    /**
     * The {@code Authorization} header of a request to {@code uri} that sends {@code headers} (names in any case;
     * {@code x-amz-date} must be among them, {@code host} is added from the URI) and a payload of the given SHA-256.
     */
    String authorization(String method, URI uri, Map<String, String> headers, String payloadSha256) {
        SortedMap<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(java.util.Locale.ROOT), value.trim().replaceAll(" +", " ")));
        signed.put("host", host(uri));
        String amzDate = signed.get("x-amz-date");
        if (amzDate == null) {
            throw new IllegalArgumentException("x-amz-date must be signed");
        }
        String signedHeaders = String.join(";", signed.keySet());
        String canonical = method + "\n"
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()) + "\n"
                + canonicalQuery(uri.getRawQuery()) + "\n"
                + signed.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue() + "\n").collect(Collectors.joining()) + "\n"
                + signedHeaders + "\n"
                + payloadSha256;
        String date = amzDate.substring(0, 8);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String toSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        String signature = HexFormat.of().formatHex(hmac(key, toSign));
        return ALGORITHM + " Credential=" + accessKey + "/" + scope + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;
    }

    static String amzDate(Instant at) {
        return AMZ_DATE.format(at);
    }

    /** The Host header Java's HTTP client sends for {@code uri}: the port only when it is not the scheme's own. */
    static String host(URI uri) {
        int port = uri.getPort();
        boolean own = port == -1 || port == 443 && "https".equals(uri.getScheme()) || port == 80 && "http".equals(uri.getScheme());
        return own ? uri.getHost() : uri.getHost() + ":" + port;
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters, as SigV4 wants it; '/' kept when asked. */
    static String encode(String text, boolean keepSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
                    || keepSlash && c == '/') {
                out.append(c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return out.toString();
    }

    /** The query's parameters sorted by name, then value; they are sent already encoded. */
    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        return Arrays.stream(rawQuery.split("&")).map(p -> p.contains("=") ? p : p + "=").sorted().collect(Collectors.joining("&"));
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
