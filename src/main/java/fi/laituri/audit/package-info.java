/**
 * The append-only audit log of every edit and transition: who, when, what, from which state to which.
 * Nothing in the application (and, through triggers, nothing in the database) can change or delete it.
 */
package fi.laituri.audit;
