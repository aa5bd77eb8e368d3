/**
 * What the platform asks of the telephone network (Twilio's REST API, PROTOCOLS.md §7): place,
 * steer and read calls, send text messages, find and configure the numbers a tenant holds, and
 * check credentials. One port, {@link dev.switchboard.domain.telephony.Telephony}, so every
 * runtime and use case reaches Twilio the same way.
 */
package dev.switchboard.domain.telephony;
