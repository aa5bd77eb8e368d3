package dev.switchboard.domain.call;

import java.util.Objects;
import java.util.UUID;

/**
 * One timeline stage as a writer hands it to the store, with the key it chose for it. A writer
 * whose connection broke during a commit cannot know whether the stage was stored; writing it
 * again with the same key stores it at most once ({@link CallRepository#appendEventsOnce}).
 *
 * @param key unique per stage written, chosen by the writer
 */
public record CallEventWrite(UUID key, CallEvent event) {
    public CallEventWrite {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(event, "event");
    }
}
