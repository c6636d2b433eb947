package fi.laituri.site;

/** One file of the built site: a path below the site root and its bytes. */
record OutputFile(String path, byte[] bytes) {
}
