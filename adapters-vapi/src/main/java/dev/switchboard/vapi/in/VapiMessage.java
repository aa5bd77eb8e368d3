package dev.switchboard.vapi.in;

import dev.switchboard.domain.modelcall.SpokenTurn;
import dev.switchboard.domain.tool.ToolCall;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A Vapi server message (PROTOCOLS.md §8), parsed by the adapter into domain values. */
public sealed interface VapiMessage {
    Envelope envelope();

    /**
     * What every message carries.
     *
     * @param type Vapi's type, e.g. {@code status-update} ({@code transcript[transcriptType="final"]} arrives as {@code transcript})
     * @param key identifies this delivery's content: a redelivery has the same key
     * @param call the call it is about; {@code null} when the message names none
     */
    record Envelope(String type, Instant at, String key, VapiCallRef call) {
        public Envelope {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(key, "key");
        }
    }

    /** {@code status-update}: Vapi's status ({@code queued}, {@code ringing}, {@code in-progress}, {@code forwarding}, {@code ended}…). */
    record StatusUpdate(Envelope envelope, String status, String endedReason) implements VapiMessage {}

    /**
     * {@code end-of-call-report}, sent once the call ended and Vapi's post-processing finished.
     *
     * @param cost total in USD; {@code costs} its breakdown as Vapi gave it (plain maps)
     * @param analysis Vapi's analysis (summary, structuredData, successEvaluation) as plain values
     */
    record EndOfCallReport(Envelope envelope, String endedReason, Instant startedAt, Instant endedAt, BigDecimal cost,
                           List<Map<String, Object>> costs, String recordingUrl, List<SpokenTurn> turns, String summary,
                           Map<String, Object> analysis) implements VapiMessage {
        public EndOfCallReport {
            costs = costs == null ? List.of() : List.copyOf(costs);
            turns = turns == null ? List.of() : List.copyOf(turns);
            analysis = analysis == null ? Map.of() : analysis;
        }
    }

    /** {@code transcript}: one utterance; only final ones become transcript turns. */
    record Transcript(Envelope envelope, SpokenTurn turn, boolean isFinal) implements VapiMessage {}

    /** {@code conversation-update}: the whole conversation so far. */
    record ConversationUpdate(Envelope envelope, List<SpokenTurn> turns) implements VapiMessage {
        public ConversationUpdate {
            turns = List.copyOf(turns);
        }
    }

    /** {@code tool-calls}: run these and answer with one result each, in order. */
    record ToolCalls(Envelope envelope, List<Item> items) implements VapiMessage {
        public ToolCalls {
            items = List.copyOf(items);
        }

        /**
         * One tool call as asked. {@code problem} says why it cannot run (arguments that are not a
         * JSON object, no id…) and is answered as that item's error, on one line; {@code null} when
         * it can run. An item without id or name carries {@code ""} there.
         */
        public record Item(ToolCall call, String problem) {
            public Item {
                Objects.requireNonNull(call, "call");
            }

            public static Item runnable(ToolCall call) {
                return new Item(call, null);
            }
        }
    }

    /** {@code assistant-request}: which assistant answers this inbound call? */
    record AssistantRequest(Envelope envelope) implements VapiMessage {}

    /** Any other type ({@code hang}, {@code speech-update}, new ones): recorded, answered {@code {}}. */
    record Other(Envelope envelope, Map<String, Object> details) implements VapiMessage {
        public Other {
            details = details == null ? Map.of() : details;
        }
    }
}
