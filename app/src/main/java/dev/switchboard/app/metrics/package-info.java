/**
 * Metrics for operators: Micrometer meters of the platform's own (live calls, the call
 * recorder's queue and losses) beside Micronaut's (HTTP server, JVM, connection pool), exposed
 * in the Prometheus text format at {@code /prometheus} to a scraper holding
 * {@code SWITCHBOARD_METRICS_TOKEN}.
 */
package dev.switchboard.app.metrics;
