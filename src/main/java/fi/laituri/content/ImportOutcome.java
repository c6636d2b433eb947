package fi.laituri.content;

/** What an import of one file of the content folder did. */
enum ImportOutcome { CREATED, UPDATED, UNCHANGED }
