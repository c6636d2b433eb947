/**
 * The public site: immutable page models rendered with the Pebble templates and per-language messages of
 * the site templates folder. Previews render through it; the static build will too.
 */
package fi.laituri.site;
