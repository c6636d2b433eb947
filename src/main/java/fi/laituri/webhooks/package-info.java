/**
 * Outgoing webhooks: admins register URLs; every outbox event becomes a signed delivery per matching
 * webhook, sent with retries and backoff, and kept in a delivery log.
 */
package fi.laituri.webhooks;
