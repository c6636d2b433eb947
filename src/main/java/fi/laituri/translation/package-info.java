/**
 * Translation tracking: which source revision each translation or adaptation was made from, when it is
 * outdated, the translators' worklists and editors' overview, the bilingual-publishing check, and XLIFF 2.0.
 */
package fi.laituri.translation;
