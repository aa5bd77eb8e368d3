package dev.switchboard.testkit.twilio;

import java.util.List;

/**
 * What lies behind Twilio once it has accepted a request: the phone network that rings the callee
 * and carries the text. {@link FakeTwilioRest} tells it about every call and message it created,
 * after the {@code 201} has been answered (as Twilio dials only after answering), each on a thread
 * of its own. Without one (the default) created calls stay {@code queued} and texts {@code queued}.
 */
public interface PhoneNetwork {
    /** Twilio accepted {@code POST Calls.json}: the call is {@code queued}, Twilio is about to dial. */
    void dial(PlacedCall call);

    /** Twilio accepted {@code POST Messages.json}: the text is {@code queued}, about to go to the carrier. */
    void deliver(SentText text);

    /**
     * A call the platform asked Twilio to place.
     *
     * @param url            the {@code Url} Twilio requests when the callee answers (the platform's voice webhook)
     * @param statusCallback the {@code StatusCallback}, or null
     * @param statusEvents   the {@code StatusCallbackEvent}s asked for, in order
     */
    record PlacedCall(String accountSid, String authToken, String sid, String from, String to, String url,
                      String statusCallback, List<String> statusEvents) {
        public PlacedCall {
            statusEvents = List.copyOf(statusEvents);
        }
    }

    /**
     * A text the platform asked Twilio to send.
     *
     * @param statusCallback where Twilio posts the delivery reports, or null
     */
    record SentText(String accountSid, String authToken, String sid, String from, String to, String body, String statusCallback) {}
}
