package dev.switchboard.domain.call;

import static dev.switchboard.domain.call.CallStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallStatusTest {
    private static final Set<CallStatus> FINAL = EnumSet.of(COMPLETED, BUSY, FAILED, NO_ANSWER, CANCELED);

    /** Every (from, to) pair: allowed exactly when from is not final and to comes later. */
    @Test
    void every_transition_is_forward_only_and_final_states_are_terminal() {
        List<String> allowed = new ArrayList<>();
        for (var from : values())
            for (var to : values())
                if (from.canMoveTo(to)) allowed.add(from + "->" + to);

        assertThat(allowed).containsExactly(
                "QUEUED->INITIATED", "QUEUED->RINGING", "QUEUED->IN_PROGRESS", "QUEUED->COMPLETED", "QUEUED->BUSY",
                "QUEUED->FAILED", "QUEUED->NO_ANSWER", "QUEUED->CANCELED",
                "INITIATED->RINGING", "INITIATED->IN_PROGRESS", "INITIATED->COMPLETED", "INITIATED->BUSY",
                "INITIATED->FAILED", "INITIATED->NO_ANSWER", "INITIATED->CANCELED",
                "RINGING->IN_PROGRESS", "RINGING->COMPLETED", "RINGING->BUSY", "RINGING->FAILED",
                "RINGING->NO_ANSWER", "RINGING->CANCELED",
                "IN_PROGRESS->COMPLETED", "IN_PROGRESS->BUSY", "IN_PROGRESS->FAILED", "IN_PROGRESS->NO_ANSWER",
                "IN_PROGRESS->CANCELED");
    }

    @Test
    void final_states_are_exactly_the_endings() {
        for (var status : values()) assertThat(status.isFinal()).as(status.name()).isEqualTo(FINAL.contains(status));
    }

    @Test
    void wire_names_round_trip() {
        for (var status : values()) assertThat(CallStatus.parse(status.wireName())).contains(status);
        assertThat(CallStatus.parse("in-progress")).contains(IN_PROGRESS);
        assertThat(CallStatus.parse("no-answer")).contains(NO_ANSWER);
        assertThat(CallStatus.parse("answered")).isEmpty();
        assertThat(CallStatus.parse(null)).isEmpty();
    }
}
