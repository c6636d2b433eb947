/**
 * One commonmark parser and HTML renderer for the whole application, slugs, and plain-text excerpts.
 * Raw HTML in Markdown is escaped and unsafe link schemes are dropped, so content can never inject markup.
 */
package fi.laituri.markdown;
