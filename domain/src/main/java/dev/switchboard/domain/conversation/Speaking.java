package dev.switchboard.domain.conversation;

import dev.switchboard.domain.call.CallMessage;
import java.util.Optional;

/**
 * What a barge-in acts on: the turn in flight, if any, and the agent's last stored words. The
 * socket thread (interruptions, hang-ups) and the turn thread meet here, under one lock.
 */
final class Speaking {
    private Turn active;
    private CallMessage lastAgentMessage;

    synchronized Turn begin() {
        active = new Turn();
        return active;
    }

    /**
     * Ends the turn. If the caller barged in, returns what they heard and stores nothing. Otherwise
     * stores the whole reply ({@code whole}, which may be {@code null} or give {@code null}) as the
     * agent's last message while still holding the lock, so a barge-in that comes a moment later
     * cuts exactly this message and never finds the previous one, nor a reply not yet stored.
     *
     * @return what the caller heard, if they interrupted this turn
     */
    synchronized String end(Turn turn, java.util.function.Supplier<CallMessage> whole) {
        active = null;
        if (turn.heard != null) return turn.heard;
        if (whole != null) {
            var message = whole.get();
            if (message != null) lastAgentMessage = message;
        }
        return null;
    }

    synchronized void remember(CallMessage agentMessage) {
        lastAgentMessage = agentMessage;
    }

    synchronized CallMessage lastAgentMessage() {
        return lastAgentMessage;
    }

    synchronized void stop() {
        if (active != null) active.cancellation.cancel();
    }

    /**
     * The caller barged in. A turn in flight stops and keeps {@code heard} for its thread to store;
     * otherwise the agent's last message, already stored whole, is returned cut to what was heard.
     */
    synchronized Optional<CallMessage> interrupt(String heard) {
        if (active != null) {
            // Under the turn's lock, so no piece of text is passed on after this (Replying.onText).
            synchronized (active) {
                active.heard = heard;
                active.cancellation.cancel();
            }
            return Optional.empty();
        }
        if (lastAgentMessage == null || lastAgentMessage.interrupted()) return Optional.empty();
        var spokenInFull = lastAgentMessage;
        lastAgentMessage = spokenInFull.truncatedTo(heard);
        return Optional.of(spokenInFull);
    }
}
