package dev.switchboard.testkit.caller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.testkit.caller.CallScript.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One call in progress, from the caller's side. Drive it step by step ({@link #say},
 * {@link #press}, {@link #interrupt}, {@link #send}…) or with a whole {@link CallScript}, then
 * {@link #hangUp()} for the {@link CallResult}. Single-threaded: one thread drives a call.
 */
public final class LiveCall implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VirtualCaller caller;
    private final String callSid;
    private final String sessionId = Sids.random("VX");
    private final WebhookExchange voiceWebhook;
    private final Optional<TwimlDocument> twiml;
    private final Instant answeredAt;
    private RelayConnection relay;
    private OptionalInt handshakeStatus = OptionalInt.empty();
    private Instant sessionStartedAt;
    private final List<AgentTurn> turns = new ArrayList<>();
    private final TurnCollector collector;
    private String endMessage;
    private boolean socketClosed;
    private CallResult result;

    private LiveCall(VirtualCaller caller, String callSid, WebhookExchange voiceWebhook, Optional<TwimlDocument> twiml) {
        this.caller = caller;
        this.callSid = callSid;
        this.voiceWebhook = voiceWebhook;
        this.twiml = twiml;
        this.answeredAt = caller.clock().instant();
        this.collector = new TurnCollector(caller.listener(), caller.replyTimeout());
    }

    static LiveCall dial(VirtualCaller caller, String callSid) {
        var voice = caller.postVoiceWebhook(caller.voiceParameters(callSid));
        Optional<TwimlDocument> twiml = Optional.empty();
        if (voice.ok()) {
            try {
                twiml = Optional.of(TwimlDocument.parse(voice.body()));
            } catch (IllegalArgumentException notTwiml) {
                // Twilio would play its application-error message: the result says WEBHOOK_FAILED.
            }
        }
        var call = new LiveCall(caller, callSid, voice, twiml);
        twiml.ifPresent(caller.listener()::answered);
        twiml.flatMap(TwimlDocument::conversationRelay).ifPresent(call::connect);
        return call;
    }

    private void connect(ConversationRelayNoun noun) {
        var endpoints = caller.endpoints();
        var signedUrl = endpoints.absolute(noun.url(), true);
        // Port 1 on loopback: nothing listens, the connection is refused as an unreachable host's would fail.
        var target = caller.socketsUnreachable() ? "ws://127.0.0.1:1/unreachable" : endpoints.reachable(signedUrl);
        try {
            relay = RelayConnection.open(caller.http(), target,
                    TwilioSignature.signHandshake(caller.authToken(), signedUrl), caller.replyTimeout());
            handshakeStatus = OptionalInt.of(101);
        } catch (RelayHandshakeRejected e) {
            handshakeStatus = OptionalInt.of(e.status());
            return;
        }
        sessionStartedAt = caller.clock().instant();
        var setup = JSON.createObjectNode().put("type", "setup").put("sessionId", sessionId)
                .put("accountSid", caller.accountSid()).put("callSid", callSid).put("parentCallSid", "")
                .put("from", caller.from()).put("to", caller.to()).put("forwardedFrom", "").put("callerName", "")
                .put("direction", caller.direction().startsWith("outbound") ? "outbound" : "inbound")
                .put("callType", "PSTN").put("callStatus", "RINGING");
        var custom = setup.putObject("customParameters");
        noun.parameters().forEach(custom::put);
        if (caller.sendsSetup()) relay.send(setup.toString());
    }

    /** The {@code CallSid} of this call. */
    public String callSid() { return callSid; }

    /** The TwiML the voice webhook answered, if it was TwiML. */
    public Optional<TwimlDocument> twiml() { return twiml; }

    /** The relay socket, if it opened: for sending frames the script cannot express. */
    public Optional<RelayConnection> relay() { return Optional.ofNullable(relay); }

    /** Whether the relay session is up: connected, no {@code end}, socket open, not hung up. */
    public boolean isLive() {
        return relay != null && endMessage == null && !socketClosed && result == null;
    }

    /** Plays every step of {@code script}; stops early when the session ends or the caller hangs up. */
    public void play(CallScript script) {
        var steps = script.steps();
        for (int i = 0; i < steps.size(); i++) {
            var step = steps.get(i);
            if (step instanceof CallScript.HangUp || (!isLive() && !(step instanceof CallScript.Pause))) return;
            var next = i + 1 < steps.size() && steps.get(i + 1) instanceof CallScript.Interrupt interrupt ? interrupt.afterTokens() : 0;
            perform(step, next);
        }
    }

    private void perform(Step step, int stopAfterTokens) {
        if (step instanceof CallScript.Say say) say(say, stopAfterTokens);
        else if (step instanceof CallScript.Press press) press(press.digits(), press.awaitReply(), stopAfterTokens);
        else if (step instanceof CallScript.Interrupt interrupt) interrupt(interrupt);
        else if (step instanceof CallScript.Garbage garbage) send(garbage.frame());
        else if (step instanceof CallScript.GarbageBinary garbage) relay.sendBinary(garbage.frame());
        else if (step instanceof CallScript.Pause pause) pause(pause.duration());
        else if (step instanceof CallScript.Listen) listen();
        else if (step instanceof CallScript.AwaitEnd) awaitEnd();
    }

    /** Says {@code text} (one final {@code prompt}) and waits for the agent's whole turn. */
    public Optional<AgentTurn> say(String text) {
        return say(new CallScript.Say(text, List.of(), Optional.empty()), 0);
    }

    /**
     * Says it (partials first) and waits for the agent's turn, or only for its first
     * {@code stopAfterTokens} tokens (0: the whole turn) before an {@link #interrupt}.
     * Empty when the session is no longer live or the turn is left open.
     */
    public Optional<AgentTurn> say(CallScript.Say say, int stopAfterTokens) {
        settle();
        if (!isLive()) return Optional.empty();
        var lang = say.lang().orElseGet(this::language);
        for (var partial : say.partials()) relay.send(prompt(partial, lang, false));
        var sentAt = System.nanoTime();
        caller.listener().callerSaid(say.text());
        relay.send(prompt(say.text(), lang, true));
        return collect(say.text(), sentAt, stopAfterTokens);
    }

    /**
     * Presses keys: one {@code dtmf} message per digit, and only if the TwiML enabled
     * {@code dtmfDetection} (otherwise Twilio forwards nothing). Optionally waits for the reply.
     */
    public Optional<AgentTurn> press(String digits, boolean awaitReply, int stopAfterTokens) {
        settle();
        if (!isLive() || !twiml.flatMap(TwimlDocument::conversationRelay).map(ConversationRelayNoun::dtmfDetection).orElse(false))
            return Optional.empty();
        caller.listener().callerPressed(digits);
        long sentAt = 0;
        for (var digit : digits.toCharArray()) {
            sentAt = System.nanoTime();
            relay.send(JSON.createObjectNode().put("type", "dtmf").put("digit", String.valueOf(digit)).toString());
        }
        return awaitReply ? collect("dtmf:" + digits, sentAt, stopAfterTokens) : Optional.empty();
    }

    /**
     * Barges in on the agent's latest turn, open or just finished (text usually arrives well before
     * Twilio has spoken it): {@code utteranceUntilInterrupt} is the given text, or that turn's text
     * received so far cut to {@code maxChars}. The turn is then recorded as interrupted.
     * Tokens of that turn still in flight when the next prompt goes out cannot be told apart from
     * the next turn's on the wire: a server that stops sending on {@code interrupt} avoids them.
     */
    public void interrupt(CallScript.Interrupt interrupt) {
        settle();
        if (!isLive()) return;
        var last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        var soFar = collector.isOpen() ? collector.textSoFar() : last == null ? "" : last.text();
        var heard = interrupt.heard().orElse(soFar.substring(0, Math.min(soFar.length(), interrupt.maxChars())));
        relay.send(JSON.createObjectNode().put("type", "interrupt").put("utteranceUntilInterrupt", heard)
                .put("durationUntilInterruptMs", interrupt.durationUntilInterruptMs()).toString());
        if (collector.isOpen()) {
            turns.add(collector.interrupted(heard));
        } else if (last != null && last.ending() == AgentTurn.Ending.LAST_TOKEN) {
            turns.set(turns.size() - 1, new AgentTurn(last.callerInput(), last.tokens(), last.timeToFirstToken(),
                    AgentTurn.Ending.INTERRUPTED, Optional.of(heard)));
        }
    }

    /** Sends one raw text frame, as is. {@code false} when the socket is closed. */
    public boolean send(String frame) {
        return relay != null && relay.send(frame);
    }

    /** Waits for an agent turn without the caller saying anything. */
    public Optional<AgentTurn> listen() {
        settle();
        return isLive() ? collect("", System.nanoTime(), 0) : Optional.empty();
    }

    /** Waits until the server ends the session (or closes the socket, or stays silent past the reply timeout). */
    public void awaitEnd() {
        awaitEnd(caller.replyTimeout());
    }

    /**
     * Waits until the server ends the session, closes the socket, or sends nothing for
     * {@code silence}; speech meanwhile is collected as turns, silence is not recorded.
     */
    public void awaitEnd(Duration silence) {
        settle();
        while (isLive()) {
            var turn = collector.collect(relay, "", System.nanoTime(), 0, silence);
            noteSessionState();
            if (turn.isEmpty()) return;
            if (!turn.get().tokens().isEmpty()) turns.add(turn.get());
            if (turn.get().ending() == AgentTurn.Ending.TIMED_OUT) return;
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Collects the agent's answer; a turn with no tokens is kept only if the caller asked for it. */
    private Optional<AgentTurn> collect(String input, long sentAt, int stopAfterTokens) {
        var turn = collector.collect(relay, input, sentAt, stopAfterTokens);
        noteSessionState();
        if (turn.isEmpty()) return turn;
        if (!input.isEmpty() || !turn.get().tokens().isEmpty()) turns.add(turn.get());
        return turn;
    }

    /** Takes in whatever arrived between turns: a late {@code end}, a closed socket. */
    private void settle() {
        if (relay == null) return;
        collector.absorb(relay.drain()).ifPresent(turns::add);
        noteSessionState();
    }

    private void noteSessionState() {
        if (endMessage == null) endMessage = collector.endMessage().orElse(null);
        socketClosed |= collector.socketClosed();
    }

    private String language() {
        return twiml.flatMap(TwimlDocument::conversationRelay).flatMap(ConversationRelayNoun::language).orElse("en-US");
    }

    private static String prompt(String text, String lang, boolean last) {
        ObjectNode node = JSON.createObjectNode().put("type", "prompt").put("voicePrompt", text).put("lang", lang).put("last", last);
        return node.toString();
    }

    /**
     * Ends the call: follows the session's end with the {@code <Connect action>} request, closes
     * the socket, and posts the status callbacks. Idempotent.
     */
    public CallResult hangUp() {
        if (result != null) return result;
        settle();
        result = new Hangup(caller, this).complete();
        return result;
    }

    /** Hangs up if not done yet. */
    @Override
    public void close() {
        hangUp();
    }

    // Read by Hangup.
    WebhookExchange voiceWebhook() { return voiceWebhook; }
    Instant answeredAt() { return answeredAt; }
    Optional<Instant> sessionStartedAt() { return Optional.ofNullable(sessionStartedAt); }
    String sessionId() { return sessionId; }
    OptionalInt handshakeStatus() { return handshakeStatus; }
    Optional<String> endMessage() { return Optional.ofNullable(endMessage); }
    boolean socketClosed() { return socketClosed; }
    List<AgentTurn> turns() { return turns; }
    RelayConnection relayOrNull() { return relay; }

    static Optional<String> handoffData(String endMessage) {
        try {
            JsonNode data = JSON.readTree(endMessage).get("handoffData");
            if (data == null || data.isNull()) return Optional.empty();
            return Optional.of(data.isTextual() ? data.asText() : data.toString());
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
