/**
 * Twilio's REST API behind the domain's {@link dev.switchboard.domain.telephony.Telephony} port,
 * through the official SDK: the tenant's Twilio connection or the platform's account, requests
 * sent to {@code switchboard.twilio.api-url}, short timeouts and safe retries.
 */
package dev.switchboard.twilio.out;
