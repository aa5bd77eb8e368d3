/** Twilio: voice and status webhooks with TwiML answers, the ConversationRelay socket, signatures. */
package dev.switchboard.twilio;
