/**
 * The Lucene adapter of search: per-language analysis (stems, word-start prefixes and compound parts), field
 * names, the index files with their atomic swap, and the searcher with highlighting, facets and suggestions.
 */
package fi.laituri.search.lucene;
