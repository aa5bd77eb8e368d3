package dev.switchboard.testkit.caller;

/** The server sent the virtual caller a relay message Twilio would reject (error 64107): a test failure. */
public final class TwilioWouldReject extends AssertionError {
    TwilioWouldReject(String message, String why) {
        super("Twilio would reject this relay message (64107): " + why + "\n  " + message);
    }
}
