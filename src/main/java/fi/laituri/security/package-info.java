/**
 * Users, their roles, and bearer API tokens (stored as SHA-256 hashes) that authenticate every editorial API call.
 */
package fi.laituri.security;
