/**
 * The embedded PostgreSQL default: with no {@code datasources.default.url} configured, a real
 * PostgreSQL server (zonky's binaries from Maven Central) starts in a local data directory and
 * the default datasource points at it, so Switchboard runs on a fresh machine without a database.
 */
package dev.switchboard.persistence.embedded;
