package dev.switchboard.domain.conversation;

import dev.switchboard.domain.tool.ToolCall;
import dev.switchboard.domain.tool.ToolOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * The turns the model sees, oldest first. Written by the turn thread and, on barge-in, by the
 * socket thread; every access holds the instance's monitor.
 */
final class History {
    private final List<ChatTurn> turns = new ArrayList<>();

    synchronized void caller(String text) {
        turns.add(new ChatTurn.CallerTurn(text));
    }

    synchronized void agent(String text, List<ToolCall> toolCalls) {
        turns.add(new ChatTurn.AgentTurn(text, toolCalls));
    }

    synchronized void toolResult(ToolCall call, ToolOutcome outcome) {
        turns.add(new ChatTurn.ToolResult(call.id(), call.name(), outcome.forModel(), outcome instanceof ToolOutcome.Failed));
    }

    /** After a late barge-in: the last agent turn with this text becomes what was heard. */
    synchronized void truncateLastAgent(String said, String heard) {
        for (int i = turns.size() - 1; i >= 0; i--) {
            if (turns.get(i) instanceof ChatTurn.AgentTurn agent && agent.text().equals(said)) {
                turns.set(i, new ChatTurn.AgentTurn(heard, agent.toolCalls()));
                return;
            }
        }
    }

    synchronized List<ChatTurn> snapshot() {
        return List.copyOf(turns);
    }

    synchronized String lastCallerText() {
        for (int i = turns.size() - 1; i >= 0; i--)
            if (turns.get(i) instanceof ChatTurn.CallerTurn caller) return caller.text();
        return "";
    }
}
