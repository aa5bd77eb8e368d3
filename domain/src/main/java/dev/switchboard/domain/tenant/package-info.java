/** Tenants (businesses) and the users who sign in to them. */
package dev.switchboard.domain.tenant;
