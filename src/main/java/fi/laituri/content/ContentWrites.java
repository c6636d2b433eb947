package fi.laituri.content;

import fi.laituri.web.ETags;
import fi.laituri.DomainException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.function.Supplier;

/**
 * Runs the writes of documents and authors, each in one transaction: a lost race for a version
 * becomes a 412 (or a 409 where the client named none), a lost race for a unique value a 409.
 */
@Singleton
class ContentWrites {

    private final TransactionOperations<Connection> tx;

    ContentWrites(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    <T> T write(Supplier<T> work) {
        return write(work, null);
    }

    <T> T write(Supplier<T> work, Supplier<Long> currentVersion) {
        try {
            return tx.executeWrite(s -> work.get());
        } catch (OptimisticLockException e) {
            if (currentVersion == null) {
                throw DomainException.conflict("concurrent-change", "someone changed this at the same moment; try again");
            }
            throw DomainException.preconditionFailed(tx.executeRead(s -> currentVersion.get()));
        } catch (DataAccessException e) {
            throw translate(e);
        }
    }

    /**
     * Runs {@code work} in the transaction under way when there is one, undone to a savepoint if it fails (so that the
     * transaction's other work stays), else in a transaction of its own, as {@link #write(Supplier)}.
     */
    <T> T undoneOnFailure(Supplier<T> work) {
        if (!tx.findTransactionStatus().isPresent()) {
            return write(work);
        }
        Connection connection = tx.getConnection();
        Savepoint savepoint;
        try {
            savepoint = connection.setSavepoint();
        } catch (SQLException e) {
            throw new DataAccessException("cannot set a savepoint: " + e.getMessage(), e);
        }
        try {
            return work.get();
        } catch (RuntimeException e) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException undo) {
                e.addSuppressed(undo);
                throw e;
            }
            if (e instanceof OptimisticLockException) {
                throw DomainException.conflict("concurrent-change", "someone changed this at the same moment; try again");
            }
            throw e instanceof DataAccessException data ? translate(data) : e;
        }
    }

    private static RuntimeException translate(DataAccessException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException sql) {
                String message = String.valueOf(sql.getMessage());
                if (message.contains("uq_variant_language_slug")) {
                    return DomainException.conflict("slug-conflict", "that slug is already used by another page in this language");
                }
                if (message.contains("uq_variant_document_language")) {
                    return DomainException.conflict("variant-exists", "that language version exists already");
                }
                if (message.contains("uq_document_key")) {
                    return DomainException.conflict("key-conflict", "a document with that key exists already");
                }
                if (message.contains("PRIMARY")) {
                    return DomainException.conflict("exists", "that resource exists already");
                }
            }
        }
        return e;
    }

    /** The entity, when the client's If-Match names its current version. */
    static <E> E checked(E entity, Long expectedVersion, long currentVersion) {
        ETags.check(expectedVersion, currentVersion);
        return entity;
    }
}
