package dev.switchboard.domain.vapi;

import dev.switchboard.domain.call.CallMessage;
import java.time.Instant;
import java.util.Objects;

/** One spoken turn from Vapi's transcript: the caller or the agent. */
public record VapiTurn(CallMessage.Speaker speaker, String text, Instant at) {
    public VapiTurn {
        Objects.requireNonNull(speaker, "speaker");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
    }
}
