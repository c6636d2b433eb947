/**
 * Users, their roles, and bearer API tokens (stored as SHA-256 hashes) that authenticate every editorial API call;
 * the roles policy, and the rule every route declares ({@code @Allowed} or {@code @Public}) with the one check of it.
 */
package fi.laituri.security;
