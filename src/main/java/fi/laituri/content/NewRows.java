package fi.laituri.content;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Inserts many new documents and language versions, one JDBC batch each, in the caller's transaction, as
 * {@link DocumentRepository#save} and {@link VariantRepository#save} would one by one (version 0, created and updated
 * now, tags and authors as JSON arrays), and answers them with their ids. A large import makes tens of thousands, and
 * a round trip to the database for each was most of its time.
 */
@Singleton
class NewRows {

    private static final String INSERT_DOCUMENT = "INSERT INTO document (kind, translation_key, version, created_at,"
            + " updated_at) VALUES (?, ?, 0, ?, ?)";
    private static final String INSERT_VARIANT = "INSERT INTO variant (document_id, language, slug, title, summary, body,"
            + " tags, authors, content_date, status, revision, content_hash, live_revision, submitted_by,"
            + " first_published_at, publish_at, unpublish_at, schedule_failure, version, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)";

    private final TransactionOperations<Connection> tx;
    private final JsonMapper json;

    NewRows(TransactionOperations<Connection> tx, JsonMapper json) {
        this.tx = tx;
        this.json = json;
    }

    /** {@code documents} (without ids) as inserted, in order. */
    List<Document> insertDocuments(List<Document> documents) {
        if (documents.isEmpty()) {
            return List.of();
        }
        Instant now = Instant.now();
        Timestamp at = Timestamp.from(now);
        Connection connection = tx.getConnection();
        try (PreparedStatement insert = connection.prepareStatement(INSERT_DOCUMENT)) {
            for (Document d : documents) {
                insert.setString(1, d.kind());
                insert.setString(2, d.translationKey());
                insert.setTimestamp(3, at);
                insert.setTimestamp(4, at);
                insert.addBatch();
            }
            insert.executeBatch();
            Map<String, Long> ids = ids(connection, "SELECT translation_key, id FROM document WHERE translation_key IN ",
                    documents.stream().map(Document::translationKey).toList());
            return documents.stream()
                    .map(d -> new Document(id(ids, d.translationKey()), d.kind(), d.translationKey(), 0L, now, now))
                    .toList();
        } catch (SQLException e) {
            throw new DataAccessException("cannot insert " + documents.size() + " documents: " + e.getMessage(), e);
        }
    }

    /** {@code variants} (without ids) as inserted, in order. */
    List<Variant> insertVariants(List<Variant> variants) {
        if (variants.isEmpty()) {
            return List.of();
        }
        Instant now = Instant.now();
        Timestamp at = Timestamp.from(now);
        Connection connection = tx.getConnection();
        try (PreparedStatement insert = connection.prepareStatement(INSERT_VARIANT)) {
            for (Variant v : variants) {
                insert.setLong(1, v.documentId());
                insert.setString(2, v.language());
                insert.setString(3, v.slug());
                insert.setString(4, v.title());
                insert.setString(5, v.summary());
                insert.setString(6, v.body());
                insert.setString(7, json.writeValueAsString(v.tags()));
                insert.setString(8, json.writeValueAsString(v.authors()));
                insert.setTimestamp(9, timestamp(v.contentDate()));
                insert.setString(10, v.status());
                insert.setInt(11, v.revision());
                insert.setString(12, v.contentHash());
                insert.setObject(13, v.liveRevision(), Types.INTEGER);
                insert.setString(14, v.submittedBy());
                insert.setTimestamp(15, timestamp(v.firstPublishedAt()));
                insert.setTimestamp(16, timestamp(v.publishAt()));
                insert.setTimestamp(17, timestamp(v.unpublishAt()));
                insert.setString(18, v.scheduleFailure());
                insert.setTimestamp(19, at);
                insert.setTimestamp(20, at);
                insert.addBatch();
            }
            insert.executeBatch();
            Map<String, Long> ids = ids(connection, "SELECT CONCAT(document_id, '/', language), id FROM variant WHERE document_id IN ",
                    variants.stream().map(Variant::documentId).distinct().toList());
            List<Variant> out = new ArrayList<>(variants.size());
            for (Variant v : variants) {
                out.add(new Variant(id(ids, v.documentId() + "/" + v.language()), v.documentId(), v.language(), v.slug(), v.title(), v.summary(), v.body(),
                        v.tags(), v.authors(), v.contentDate(), v.status(), v.revision(), v.contentHash(),
                        v.liveRevision(), v.submittedBy(), v.firstPublishedAt(), v.publishAt(), v.unpublishAt(),
                        v.scheduleFailure(), 0L, now, now));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new DataAccessException("cannot insert " + variants.size() + " language versions: " + e.getMessage(), e);
        }
    }

    /** Marks these documents changed now, as {@link DocumentRepository#touch} does one. */
    void touch(Collection<Long> documentIds) {
        if (documentIds.isEmpty()) {
            return;
        }
        String sql = "UPDATE document SET updated_at = ? WHERE id IN ("
                + String.join(", ", java.util.Collections.nCopies(documentIds.size(), "?")) + ")";
        try (PreparedStatement update = tx.getConnection().prepareStatement(sql)) {
            update.setTimestamp(1, Timestamp.from(Instant.now()));
            int n = 2;
            for (Long id : documentIds) {
                update.setLong(n++, id);
            }
            update.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("cannot touch " + documentIds.size() + " documents: " + e.getMessage(), e);
        }
    }

    /**
     * The ids of the rows just inserted, by their unique key, read back through its index. (Asking the driver for the
     * generated keys would make it send the batch one statement and one answer at a time, not as one bulk insert.)
     */
    private static Map<String, Long> ids(Connection connection, String selectWhereIn, List<?> values) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        String sql = selectWhereIn + "(" + String.join(", ", java.util.Collections.nCopies(values.size(), "?")) + ")";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                select.setObject(i + 1, values.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return ids;
    }

    /** A row without its id cannot be written on: an error, not a null. */
    private static long id(Map<String, Long> ids, String key) {
        Long id = ids.get(key);
        if (id == null) {
            throw new IllegalStateException("no id read back for the row just inserted as " + key);
        }
        return id;
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
