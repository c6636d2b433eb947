package fi.laituri.content;

import fi.laituri.markdown.Markdown;
import fi.laituri.markdown.MediaLinks;
import fi.laituri.markdown.MediaResolver;
import fi.laituri.markdown.Unrenderable;
import fi.laituri.DomainException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the public may read: the live revision of each published variant, never a working draft.
 * An unpublished variant, or one scheduled but not yet live, is simply not here.
 */
@Singleton
public class PublicContent {

    private static final String LIVE = "FROM variant v JOIN document d ON d.id = v.document_id "
            + "JOIN revision r ON r.variant_id = v.id AND r.number = v.live_revision WHERE v.language = ?";

    private final JdbcOperations jdbc;
    private final JsonMapper json;
    private final Markdown markdown;
    private final MediaResolver media;
    private final ZoneId zone;

    PublicContent(JdbcOperations jdbc, JsonMapper json, Markdown markdown, MediaResolver media,
                  @io.micronaut.context.annotation.Value("${laituri.time-zone:Europe/Helsinki}") String zone) {
        this.jdbc = jdbc;
        this.json = json;
        this.markdown = markdown;
        this.media = media;
        this.zone = ZoneId.of(zone);
    }

    @Serdeable
    public record Item(String key, String kind, String language, String slug, String title, String summary,
                       List<String> tags, @Nullable OffsetDateTime date, int revision) {
    }

    @Serdeable
    public record Page(Item item, String html, List<String> authors, List<Translation> translations) {
    }

    @Serdeable
    public record Translation(String language, String slug) {
    }

    /**
     * One live language version, everything the site build needs of it. {@code date} is the content's own
     * date, else for a blog post when it was first published (to the second): a post always has a publication time.
     * {@code firstPublished} is when the version first went live (null only for rows from before the workflow
     * recorded it), {@code revised} when its live revision was written: what sitemaps call its last modification.
     */
    public record LiveVariant(long documentId, String key, String kind, String language, String slug, String title,
                              String summary, String body, List<String> tags, List<String> authors,
                              @Nullable OffsetDateTime date, int revision, @Nullable OffsetDateTime firstPublished,
                              OffsetDateTime revised) {
    }

    private static final String ALL_LIVE = "SELECT d.id AS doc_id, d.translation_key, d.kind, v.language, "
            + "COALESCE(r.content_date, IF(d.kind = 'blog_post', v.first_published_at, NULL)) AS shown_date, "
            + "v.first_published_at AS first_published, r.* FROM variant v "
            + "JOIN document d ON d.id = v.document_id JOIN revision r ON r.variant_id = v.id AND r.number = v.live_revision ";

    /**
     * Every live version in every language, in no particular order: the site model, its one caller, sorts them as it
     * keeps them. Sorting rows with their bodies in the query made the database write them all to a temporary table
     * on disk first, a third of the query's time. The rows are streamed, a few hundred at a time, so that they are
     * read here while the database is still sending the rest: at 10,000 documents the read took 0.61-0.65 s against
     * 0.63-0.83 s when the driver first took in the whole result.
     */
    @Transactional(readOnly = true)
    public List<LiveVariant> allLive() {
        return jdbc.prepareStatement(ALL_LIVE, ps -> {
            ps.setFetchSize(500);
            return liveVariants(ps);
        });
    }

    /** The live versions of some documents, in a stable order (key, then language). */
    @Transactional(readOnly = true)
    public List<LiveVariant> liveOf(Collection<Long> documentIds) {
        if (documentIds.isEmpty()) {
            return List.of();
        }
        String ids = documentIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        return jdbc.prepareStatement(ALL_LIVE + "WHERE d.id IN (" + ids + ") ORDER BY d.translation_key, v.language",
                ps -> liveVariants(ps));
    }

    private List<LiveVariant> liveVariants(PreparedStatement ps) throws SQLException {
        List<LiveVariant> out = new ArrayList<>();
        // Tags and authors as stored, each list read once: a site's documents share a few dozen of them.
        Map<String, List<String>> lists = new HashMap<>();
        java.util.function.Function<String, List<String>> strings = json -> lists.computeIfAbsent(json,
                j -> java.util.Collections.unmodifiableList(strings(j)));
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp shown = rs.getTimestamp("shown_date");
                Instant date = shown == null ? null : shown.toInstant().truncatedTo(ChronoUnit.SECONDS);
                out.add(new LiveVariant(rs.getLong("doc_id"), rs.getString("translation_key"), rs.getString("kind"),
                        rs.getString("language"), rs.getString("slug"), rs.getString("title"), rs.getString("summary"),
                        rs.getString("body"), strings.apply(rs.getString("tags")), strings.apply(rs.getString("authors")),
                        date == null ? null : date.atZone(zone).toOffsetDateTime(), rs.getInt("number"),
                        seconds(rs.getTimestamp("first_published")), seconds(rs.getTimestamp("created_at"))));
            }
        }
        return out;
    }

    /** A stored time in the site's time zone, to the second as the site shows it; null stays null. */
    private @Nullable OffsetDateTime seconds(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant().truncatedTo(ChronoUnit.SECONDS).atZone(zone).toOffsetDateTime();
    }

    @Transactional(readOnly = true)
    public List<Item> list(String language, int page, int size) {
        return jdbc.prepareStatement("SELECT d.translation_key, d.kind, v.language, r.* " + LIVE
                + " ORDER BY COALESCE(r.content_date, v.first_published_at) DESC, v.id DESC LIMIT ? OFFSET ?", ps -> {
            ps.setString(1, language);
            ps.setInt(2, size);
            ps.setLong(3, (long) (page - 1) * size);
            List<Item> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(item(rs));
                }
            }
            return items;
        });
    }

    /**
     * One live version as a page. Its HTML is made once per body (see {@link Markdown#toHtml(String)}), except that
     * a body naming uploaded files is rendered each time, pointing at the files the site publishes; a body
     * stored before the Markdown limits that it exceeds is a 422 problem naming why, as the site leaves the page out.
     */
    @Transactional(readOnly = true)
    public Optional<Page> find(String language, String slug) {
        return stored(language, slug).map(s -> {
            try {
                String html = s.body().contains(MediaLinks.SCHEME)
                        ? markdown.toHtml(s.body(), media.published(s.body(), language)) : markdown.toHtml(s.body());
                return new Page(s.item(), html, s.authors(), translations(s.documentId(), language));
            } catch (Unrenderable e) {
                throw DomainException.unprocessable("unrenderable", "The page " + language + "/"
                        + slug + " is published, but its text cannot be shown: " + e.getMessage()
                        + ". An editor must shorten it.");
            }
        });
    }

    private record Stored(Item item, long documentId, String body, List<String> authors) {
    }

    private Optional<Stored> stored(String language, String slug) {
        return jdbc.prepareStatement("SELECT d.translation_key, d.kind, v.language, v.document_id, r.* " + LIVE
                + " AND r.slug = ?", ps -> {
            ps.setString(1, language);
            ps.setString(2, slug);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.<Stored>empty();
                }
                return Optional.of(new Stored(item(rs), rs.getLong("document_id"), rs.getString("body"),
                        strings(rs.getString("authors"))));
            }
        });
    }

    private List<Translation> translations(long documentId, String except) {
        return jdbc.prepareStatement("SELECT v.language, r.slug FROM variant v JOIN revision r ON r.variant_id = v.id "
                + "AND r.number = v.live_revision WHERE v.document_id = ? AND v.language <> ? ORDER BY v.language", ps -> {
            ps.setLong(1, documentId);
            ps.setString(2, except);
            List<Translation> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Translation(rs.getString(1), rs.getString(2)));
                }
            }
            return out;
        });
    }

    private Item item(ResultSet rs) throws SQLException {
        Timestamp date = rs.getTimestamp("content_date");
        return new Item(rs.getString("translation_key"), rs.getString("kind"), rs.getString("language"),
                rs.getString("slug"), rs.getString("title"), rs.getString("summary"), strings(rs.getString("tags")),
                date == null ? null : date.toInstant().atZone(zone).toOffsetDateTime(), rs.getInt("number"));
    }

    private List<String> strings(String jsonArray) {
        try {
            return json.readValue(jsonArray, Argument.listOf(String.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
