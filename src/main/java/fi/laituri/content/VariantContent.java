package fi.laituri.content;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** What an editor writes in one language version; its hash tells whether a save changed anything. */
record VariantContent(String slug, String title, String summary, String body, List<String> tags,
                      List<String> authors, Instant date) {

    VariantContent {
        summary = summary == null ? "" : summary;
        body = body == null ? "" : body;
        tags = tags == null ? List.of() : List.copyOf(tags);
        authors = authors == null ? List.of() : List.copyOf(authors);
    }

    VariantContent withSlug(String newSlug) {
        return new VariantContent(newSlug, title, summary, body, tags, authors, date);
    }

    String hash() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(slug, title, summary, body, String.join("\n", tags), String.join("\n", authors),
                    date == null ? "" : date.toString())) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
