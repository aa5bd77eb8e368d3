/** Tenants' credentials for Twilio, Vapi and model providers, sealed at rest. */
package dev.switchboard.domain.connection;
