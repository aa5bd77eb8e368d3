package dev.switchboard.domain.telephony;

/**
 * Twilio saying no, in its own words (PROTOCOLS.md §7.1): the HTTP status, Twilio's error code
 * (look it up at {@code moreInfo}) and its message. Twilio's messages never hold credentials.
 *
 * @param httpStatus e.g. 400, 404
 * @param code Twilio's error code, e.g. 21211; 0 when Twilio gave none
 * @param message Twilio's message, e.g. "Invalid 'To' Phone Number: +1555"
 * @param moreInfo the documentation link Twilio gave, or null
 */
public record Refusal(int httpStatus, int code, String message, String moreInfo) {
    /** The code for "the requested resource was not found" (unknown or ended call, unknown number). */
    public static final int NOT_FOUND = 20404;
    /** The code for "authenticate": Twilio does not know this SID and token. */
    public static final int AUTHENTICATE = 20003;

    public Refusal {
        message = message == null || message.isBlank() ? "Twilio refused the request (HTTP " + httpStatus + ")" : message.strip();
    }

    public boolean isNotFound() {
        return code == NOT_FOUND || (code == 0 && httpStatus == 404);
    }

    @Override
    public String toString() {
        return code == 0 ? message + " (HTTP " + httpStatus + ")" : message + " (Twilio error " + code + ", HTTP " + httpStatus + ")";
    }
}
