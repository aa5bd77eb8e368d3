/** Phone numbers tenants attach to Switchboard, and which assistant answers each. */
package dev.switchboard.domain.phone;
