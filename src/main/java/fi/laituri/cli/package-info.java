/**
 * The {@code laituri} command line: each command starts the database and the application context it
 * needs, does its work, and turns start-up failures into one clear line.
 */
package fi.laituri.cli;
