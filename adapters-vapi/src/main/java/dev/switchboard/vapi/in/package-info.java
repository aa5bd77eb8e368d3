/** Vapi's server messages arriving at {@code /webhooks/vapi}: parsed here, handled by the domain. */
package dev.switchboard.vapi.in;
