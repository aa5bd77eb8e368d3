package dev.switchboard.domain.sms;

import java.util.Map;

/**
 * Words for the error codes Twilio puts on a delivery report ({@code ErrorCode}), which carries
 * no message of its own. Codes not listed point at Twilio's page for them.
 */
final class TwilioMessageErrors {
    private static final Map<Integer, String> KNOWN = Map.of(
            30003, "Unreachable destination handset",
            30004, "Message blocked",
            30005, "Unknown destination handset",
            30006, "Landline or unreachable carrier",
            30007, "Message filtered by the carrier",
            30008, "Unknown error",
            21610, "Attempt to send to unsubscribed recipient",
            21211, "Invalid 'To' phone number");

    private TwilioMessageErrors() {}

    static String describe(Integer code) {
        if (code == null) return null;
        return KNOWN.getOrDefault(code, "Twilio error " + code) + " (https://www.twilio.com/docs/errors/" + code + ")";
    }
}
