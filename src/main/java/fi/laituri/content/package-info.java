/**
 * Documents, their language variants, immutable revisions and authors; the editorial API; and the
 * import and export of the Git-friendly {@code content/} folder.
 */
package fi.laituri.content;
