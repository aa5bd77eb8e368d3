/** The platform's Twilio account and the public URL signatures are checked against. */
package dev.switchboard.twilio.config;
