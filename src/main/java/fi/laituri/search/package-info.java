/**
 * Search of the published site: the documents the site build indexes ({@link fi.laituri.search.SearchDocument}),
 * the indexer it calls, and the public search endpoints and results page; {@code search.lucene} is the Lucene adapter.
 */
package fi.laituri.search;
