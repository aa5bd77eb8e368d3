/**
 * Switchboard's domain: tenants, assistants, phone numbers, calls and their records, and the
 * ports adapters implement. Pure Java; no framework, SQL or JSON type appears here.
 */
package dev.switchboard.domain;
