/**
 * A fake of Twilio's REST API on loopback ({@link dev.switchboard.testkit.twilio.FakeTwilioRest},
 * PROTOCOLS.md §7): Basic auth per account, Twilio-shaped resources and error bodies, state per
 * account (numbers, calls, messages), a log of every request, and faults per route.
 */
package dev.switchboard.testkit.twilio;
