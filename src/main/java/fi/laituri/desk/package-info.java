/**
 * The editorial desk under {@code /desk/}: server-rendered pages (Pebble) in Finnish, Swedish and English for editors,
 * translators, publishers and admins, over the same services as the editorial API; sign-in by password and session.
 */
package fi.laituri.desk;
