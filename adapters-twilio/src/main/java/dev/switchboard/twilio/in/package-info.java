/** Twilio calling us: voice and status webhooks, the relay action, the ConversationRelay socket. */
package dev.switchboard.twilio.in;
