package dev.switchboard.domain.modelcall;

import dev.switchboard.domain.call.CallMessage;
import java.time.Instant;
import java.util.Objects;

/** One spoken turn as a provider's transcript reports it: the caller or the agent, and when. */
public record SpokenTurn(CallMessage.Speaker speaker, String text, Instant at) {
    public SpokenTurn {
        Objects.requireNonNull(speaker, "speaker");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
    }
}
