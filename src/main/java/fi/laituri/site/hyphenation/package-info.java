/**
 * Hyphenation of Finnish and Swedish words for the site's headings: Liang's algorithm over the TeX hyphenation
 * patterns, read from the compiled pattern files of {@code net.sf.offo:fop-hyph}.
 */
package fi.laituri.site.hyphenation;
