package dev.switchboard.vapi.in;

import dev.switchboard.domain.studio.HostedAssistantSpec;
import java.util.List;

/** What we answer Vapi (PROTOCOLS.md §8.3); most messages only need an empty 200. */
public sealed interface VapiReply {
    /** {@code {}}. */
    record Ack() implements VapiReply {}

    /** {@code {"results":[…]}}, one per tool call, in the order asked. */
    record ToolResults(List<ToolResult> results) implements VapiReply {
        public ToolResults {
            results = List.copyOf(results);
        }
    }

    /**
     * One tool's answer. Exactly one of {@code result} and {@code error} is set, on a single line.
     */
    record ToolResult(String toolCallId, String name, String result, String error) {}

    /** {@code {"assistantId": …}}: the synced Vapi assistant answers. */
    record UseAssistant(String vapiAssistantId) implements VapiReply {}

    /** {@code {"assistant": …}}: an assistant not synced (yet) answers as a transient one. */
    record TransientAssistant(HostedAssistantSpec spec) implements VapiReply {}

    /** {@code {"error": …}}: Vapi speaks this to the caller and hangs up. */
    record Refuse(String error) implements VapiReply {}
}
