package dev.switchboard.testkit.caller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything one virtual call saw, in order.
 *
 * @param callSid          the {@code CallSid} used throughout
 * @param sessionId        the ConversationRelay {@code sessionId} ({@code VX…}) sent in {@code setup}
 * @param voiceWebhook     the voice webhook and its answer
 * @param twiml            the parsed answer, if it was TwiML
 * @param handshakeStatus  101 when the relay socket opened, the refusing status otherwise; empty if never tried
 * @param frames           every relay WebSocket message, both directions, in order
 * @param turns            the agent's turns, one per caller input that awaited a reply
 * @param endMessage       the raw {@code end} message, if the server sent one
 * @param handoffData      its {@code handoffData}, if any
 * @param relayAction      the {@code <Connect action>} request and its answer
 * @param actionTwiml      that answer, parsed
 * @param statusCallbacks  the status callbacks, in the order posted
 * @param outcome          how the call ended
 */
public record CallResult(String callSid, String sessionId, WebhookExchange voiceWebhook, Optional<TwimlDocument> twiml,
                         OptionalInt handshakeStatus, List<RelayFrame> frames, List<AgentTurn> turns,
                         Optional<String> endMessage, Optional<String> handoffData, Optional<WebhookExchange> relayAction,
                         Optional<TwimlDocument> actionTwiml, List<WebhookExchange> statusCallbacks, Outcome outcome) {

    public CallResult {
        frames = List.copyOf(frames);
        turns = List.copyOf(turns);
        statusCallbacks = List.copyOf(statusCallbacks);
    }

    /** How a call ended. */
    public enum Outcome {
        /** The server sent {@code end}. */
        AGENT_ENDED,
        /** The script ran out (or said hang up) while the session was live. */
        CALLER_HUNG_UP,
        /** The server closed the relay socket without {@code end} (Twilio's 64105). */
        SERVER_CLOSED_SOCKET,
        /** The voice webhook was unreachable, not 2xx, or not TwiML. */
        WEBHOOK_FAILED,
        /** The TwiML did not connect a ConversationRelay ({@code <Say>}, {@code <Reject>}, {@code <Dial>}…). */
        NO_RELAY,
        /** The relay WebSocket handshake was refused (Twilio's 64102). */
        HANDSHAKE_REJECTED
    }

    /** The text of each agent turn, in order. */
    public List<String> agentLines() {
        return turns.stream().map(AgentTurn::text).toList();
    }

    /** Time to first token of each turn that got one, in order (measurements, never assertions). */
    public List<Duration> timesToFirstToken() {
        return turns.stream().flatMap(t -> t.timeToFirstToken().stream()).toList();
    }

    /** The frames the caller side sent, in order. */
    public List<String> sentFrames() {
        return frames.stream().filter(f -> f.direction() == RelayFrame.Direction.TO_SERVER).map(RelayFrame::text).toList();
    }

    /** The frames the server sent, in order. */
    public List<String> receivedFrames() {
        return frames.stream().filter(f -> f.direction() == RelayFrame.Direction.FROM_SERVER).map(RelayFrame::text).toList();
    }

    /** The HTTP status of every webhook posted: voice, relay action, status callbacks. */
    public List<Integer> httpStatuses() {
        var all = new ArrayList<Integer>();
        all.add(voiceWebhook.status());
        relayAction.ifPresent(a -> all.add(a.status()));
        statusCallbacks.forEach(s -> all.add(s.status()));
        return all;
    }

    /** The numbers the action TwiML dials (a transfer), if any. */
    public List<String> transferredTo() {
        return actionTwiml.flatMap(TwimlDocument::dial).map(TwimlDocument.Dial::numbers).orElse(List.of());
    }
}
