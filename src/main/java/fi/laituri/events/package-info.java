/**
 * The outbox: changes to what is public, written in the transaction that makes them, and consumed
 * (site builder, webhooks) exactly once by advancing each consumer's position with its effects.
 */
package fi.laituri.events;
