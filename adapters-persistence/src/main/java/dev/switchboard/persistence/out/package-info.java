/**
 * PostgreSQL implementations of the domain's repository ports. Plain SQL over JDBC inside
 * Micronaut Data transactions; every query on tenant-owned data filters by {@code tenant_id}.
 */
package dev.switchboard.persistence.out;
