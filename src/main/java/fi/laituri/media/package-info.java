/**
 * Uploaded images and documents: checked by content, stored content-addressed behind {@link fi.laituri.media.MediaStore},
 * described per language in MariaDB, and resolved for the site build (responsive images, labelled document links).
 */
package fi.laituri.media;
