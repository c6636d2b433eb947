/**
 * Benchmarks and their synthetic corpus: the {@code laituri bench} commands, the reproducible documents they
 * and the relevance tests use, and the writer that puts those documents through the editorial services.
 */
package fi.laituri.bench;
