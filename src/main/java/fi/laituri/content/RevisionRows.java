package fi.laituri.content;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

/**
 * Inserts many revisions in one JDBC batch, in the caller's transaction, as {@link RevisionRepository#save} would
 * one by one (tags and authors as JSON arrays): the import of a large content folder writes one for each file.
 */
@Singleton
class RevisionRows {

    private static final String INSERT = "INSERT INTO revision (variant_id, number, slug, title, summary, body, tags,"
            + " authors, content_date, content_hash, restored_from, created_by, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final TransactionOperations<Connection> tx;
    private final JsonMapper json;

    RevisionRows(TransactionOperations<Connection> tx, JsonMapper json) {
        this.tx = tx;
        this.json = json;
    }

    void insert(List<Revision> revisions) {
        if (revisions.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement insert = tx.getConnection().prepareStatement(INSERT)) {
            for (Revision r : revisions) {
                insert.setLong(1, r.variantId());
                insert.setInt(2, r.number());
                insert.setString(3, r.slug());
                insert.setString(4, r.title());
                insert.setString(5, r.summary());
                insert.setString(6, r.body());
                insert.setString(7, json.writeValueAsString(r.tags()));
                insert.setString(8, json.writeValueAsString(r.authors()));
                insert.setTimestamp(9, r.contentDate() == null ? null : Timestamp.from(r.contentDate()));
                insert.setString(10, r.contentHash());
                insert.setObject(11, r.restoredFrom(), Types.INTEGER);
                insert.setString(12, r.createdBy());
                insert.setTimestamp(13, now);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new DataAccessException("cannot insert " + revisions.size() + " revisions: " + e.getMessage(), e);
        }
    }
}
