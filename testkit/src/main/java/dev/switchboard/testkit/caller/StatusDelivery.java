package dev.switchboard.testkit.caller;

import java.util.ArrayList;
import java.util.List;

/**
 * How the status callbacks of a call ({@code in-progress}, then {@code completed}) are delivered.
 * Twilio neither orders nor de-duplicates them (PROTOCOLS.md §3.4); a retry repeats the same
 * body and idempotency token.
 */
public enum StatusDelivery {
    IN_ORDER,
    /** The last first. */
    REVERSED,
    /** Each one twice in a row, as a retry would. */
    DUPLICATED,
    /** Reversed, then all of them again in order. */
    REVERSED_AND_DUPLICATED,
    /** None at all: the number has no Status Callback URL, so Twilio never tells us how the call ended. */
    NONE;

    <T> List<T> arrange(List<T> inOrder) {
        var reversed = new ArrayList<>(inOrder);
        java.util.Collections.reverse(reversed);
        return switch (this) {
            case IN_ORDER -> List.copyOf(inOrder);
            case NONE -> List.of();
            case REVERSED -> List.copyOf(reversed);
            case DUPLICATED -> inOrder.stream().flatMap(t -> java.util.stream.Stream.of(t, t)).toList();
            case REVERSED_AND_DUPLICATED -> {
                var all = new ArrayList<>(reversed);
                all.addAll(inOrder);
                yield List.copyOf(all);
            }
        };
    }
}
