/**
 * Search of the published site: the documents it indexes ({@link fi.laituri.search.SearchDocument}) from the
 * pages the site build publishes through its port {@link fi.laituri.site.RenderedPages} (the site knows nothing of
 * search), and the public search endpoints and results page; {@code search.lucene} is the Lucene adapter.
 */
package fi.laituri.search;
