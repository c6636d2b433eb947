/**
 * The configured site languages (fi, sv, selko, ...): code, native name, html lang, URL prefix,
 * analyzer, and which language a translation or adaptation is made from. Configuration, never code.
 */
package fi.laituri.language;
