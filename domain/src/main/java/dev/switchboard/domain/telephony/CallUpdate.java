package dev.switchboard.domain.telephony;

import java.net.URI;
import java.util.Objects;

/** A change to a live call (PROTOCOLS.md §7.3). */
public sealed interface CallUpdate {
    /**
     * Replace what the call is doing with this TwiML ({@code Twiml=…}), e.g. an apology and a
     * {@code <Dial>} to a person. Ends a {@code <Connect><Stream>} or ConversationRelay session.
     * Twilio takes at most 4,000 characters.
     */
    record Twiml(String document) implements CallUpdate {
        public Twiml {
            Objects.requireNonNull(document, "document");
            if (document.isBlank()) throw new IllegalArgumentException("TwiML is empty");
            if (document.length() > 4000) throw new IllegalArgumentException("TwiML over Twilio's 4,000 characters: " + document.length());
        }
    }

    /** Send the call to fetch new TwiML from this URL ({@code Url=…&Method=POST}). */
    record Redirect(URI url) implements CallUpdate {
        public Redirect {
            Objects.requireNonNull(url, "url");
        }
    }

    /** Hang up an answered call ({@code Status=completed}). */
    record HangUp() implements CallUpdate {}

    /** Stop a call that is still queued or ringing ({@code Status=canceled}). */
    record Cancel() implements CallUpdate {}
}
