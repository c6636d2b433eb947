/**
 * How the service reports on itself and rides out its faults: health (liveness, readiness), Prometheus metrics,
 * and the database circuit breaker that answers 503 at once while the database is away.
 */
package fi.laituri.ops;
