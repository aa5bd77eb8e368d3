package dev.switchboard.domain.modelcall;

import dev.switchboard.domain.assistant.DtmfAction;
import dev.switchboard.domain.call.CallMessage;
import dev.switchboard.domain.call.CallMessage.Speaker;
import dev.switchboard.domain.tool.ToolCall;
import dev.switchboard.domain.tool.ToolOutcome;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A stream call: the caller's line on one side, a speech-to-speech model on the other, and our
 * side of it in between. Audio is forwarded both ways as it comes; the agent's audio goes out with
 * a marker after each piece so we know what has actually been played. When the caller starts
 * speaking over unplayed agent audio, the line is cleared, the model is told how much was heard,
 * and the stored agent message is cut to the words heard. Tool calls run through the one
 * {@code ToolRunner}; a transfer or a hang-up they ask for happens once the agent's words have
 * played. If the model cannot be reached or fails mid-call, the caller hears an apology and is
 * transferred (or the call ends politely) — never silence. Keys follow the assistant's DTMF
 * policy. Everything lands on the timeline. Thread-safe.
 */
public final class StreamConversation implements VoiceModelListener {
    private final ModelDrivenCall call;
    private final CallerLine line;
    private final Executor turns;
    private final Duration toolBudget;
    private final ScheduledExecutorService timers;
    private final Duration markWait;
    private final String language;
    /** Counts what the model reports it produced, when the platform's key pays; {@code null} otherwise. */
    private volatile LongConsumer meter;
    private final AtomicLong tokensUsed = new AtomicLong();
    /** Tokens reported but not yet counted against the day, and whether a count is on its way. */
    private final AtomicLong unmetered = new AtomicLong();
    private final AtomicBoolean metering = new AtomicBoolean();
    private volatile boolean tokensEstimated;
    /** When the agent audio sent so far will have played, if the phone plays it in real time from when it was sent. */
    private Instant playsUntil = Instant.MIN;
    private volatile VoiceSession session;
    /** Per agent message: audio sent and played (ms), when it started, its stored turn, a cut. */
    private final Map<String, AgentItem> items = new HashMap<>();
    private final Map<String, Instant> callerTurnStarts = new HashMap<>();
    private String currentItem;
    private String lastItem;
    private ToolOutcome pendingAction;
    private boolean finished;

    private static final class AgentItem {
        final Instant startedAt;
        /** What was sent, as it came (a repeat replays it); kept in wire form so forwarding decodes nothing. */
        final List<MuLawChunk> audio = new ArrayList<>();
        long sentBytes;
        long playedMs;
        Long cutAtMs;
        CallMessage stored;

        AgentItem(Instant startedAt) {
            this.startedAt = startedAt;
        }

        long sentMs() {
            return sentBytes / 8L;
        }

        void sent(MuLawChunk chunk) {
            audio.add(chunk);
            sentBytes += chunk.length();
        }

        byte[] bytes() {
            var all = new ByteArrayOutputStream((int) sentBytes);
            for (var chunk : audio) all.writeBytes(chunk.bytes());
            return all.toByteArray();
        }
    }

    /**
     * @param turns where a tool call is awaited (never the model's own thread); bounded: when it
     *     refuses, the model is told at once that nothing was done
     * @param toolBudget how long one tool call may take
     * @param timers where the wait for the agent's last words to play is bounded
     * @param markWait how long past the expected end of the agent's audio a transfer or hang-up
     *     waits for Twilio to confirm it played (a lost {@code mark} must not stall the call)
     */
    public StreamConversation(ModelDrivenCall call, CallerLine line, Executor turns, Duration toolBudget,
                              ScheduledExecutorService timers, Duration markWait) {
        this.call = call;
        this.line = line;
        this.turns = turns;
        this.toolBudget = toolBudget;
        this.timers = timers;
        this.markWait = markWait;
        this.language = call.assistant().map(a -> a.language()).orElse("en-US");
    }

    /**
     * The platform's key pays for this call: every response the model reports is counted through
     * {@code meter} (output tokens), and the total goes on the timeline when the call ends.
     */
    public void meteredBy(LongConsumer meter) {
        this.meter = meter;
    }

    /** Binds the model's session (once it was opened with this as its listener). */
    public void attach(VoiceSession session) {
        this.session = session;
    }

    public ModelDrivenCall call() {
        return call;
    }

    // ---- the caller's side ----

    /** The caller's next 20 ms (or so) of audio. */
    public void callerAudio(byte[] mulaw) {
        var s = session;
        if (s != null) s.callerAudio(mulaw);
    }

    /** The caller's next audio as it came off the line (base64 goes on to a model that takes it undecoded). */
    public void callerAudio(MuLawChunk audio) {
        var s = session;
        if (s != null) s.callerAudio(audio);
    }

    /** A marker came back: the audio before it has played. */
    public void played(String mark) {
        int colon = mark.lastIndexOf(':');
        if (colon < 0) return;
        long untilMs;
        try {
            untilMs = Long.parseLong(mark.substring(colon + 1));
        } catch (NumberFormatException e) {
            return;
        }
        ToolOutcome action = null;
        synchronized (this) {
            var item = items.get(mark.substring(0, colon));
            if (item == null) return;
            item.playedMs = Math.max(item.playedMs, untilMs);
            if (pendingAction != null && allPlayed()) {
                action = pendingAction;
                pendingAction = null;
            }
        }
        if (action != null) act(action);
    }

    /** A key was pressed: the assistant's DTMF policy decides; a key it gives no action goes to the model. */
    public void keyPressed(char digit) {
        var policy = call.assistant().map(a -> a.dtmfPolicy().actionFor(digit)).orElse(java.util.Optional.empty());
        call.event("dtmf.received", Map.of("digit", String.valueOf(digit), "action", policy.map(a -> a.name().toLowerCase()).orElse("none")));
        if (policy.isEmpty()) {
            // No action of ours: the model may have a use for it (the offline speech model books on 1).
            var s = session;
            if (s != null) s.keyPressed(digit);
            return;
        }
        if (policy.get() == DtmfAction.TRANSFER_TO_HUMAN) handOff("caller pressed " + digit, apologyForTransfer(false));
        else if (policy.get() == DtmfAction.END_CALL) end("caller pressed " + digit, goodbye());
        else if (policy.get() == DtmfAction.REPEAT_LAST_MESSAGE) repeatLast();
    }

    /** The caller hung up or the stream stopped: the session ends. */
    public void callEnded(String reason) {
        synchronized (this) {
            if (finished) return;
            finished = true;
        }
        call.event("stream.stopped", Map.of("reason", reason));
        var s = session;
        if (s != null) s.close();
        usageOnTimeline();
    }

    /** A platform-paid call's tokens, once, when it ends (a response reported after this is still counted against the day). */
    private void usageOnTimeline() {
        if (meter == null) return;
        var data = new LinkedHashMap<String, Object>();
        data.put("paidBy", "platform");
        data.put("outputTokens", tokensUsed.get());
        data.put("estimated", tokensEstimated);
        call.event("model.usage", data);
    }

    // ---- the model's side ----

    @Override
    public void connected(Map<String, Object> details) {
        call.event("model.connected", details);
    }

    @Override
    public void ready(Map<String, Object> details) {
        call.event("model.ready", details);
    }

    @Override
    public void resumed(Map<String, Object> details) {
        call.event("model.resumed", details);
    }

    @Override
    public void agentAudio(String itemId, byte[] mulaw) {
        agentAudio(itemId, MuLawChunk.of(mulaw.clone()));
    }

    @Override
    public void agentAudio(String itemId, MuLawChunk audio) {
        synchronized (this) {
            if (finished) return;
            var item = items.computeIfAbsent(itemId, id -> new AgentItem(call.now()));
            if (item.cutAtMs != null) return; // already cut: late audio of an interrupted message is not played
            item.sent(audio);
            currentItem = itemId;
            lastItem = itemId;
            queuedForPlay(audio.length());
            line.play(audio, itemId + ":" + item.sentMs());
        }
    }

    /** The phone plays 8 kHz μ-law in real time, after what was queued before it; the caller holds the lock. */
    private void queuedForPlay(int bytes) {
        var now = call.now();
        playsUntil = (playsUntil.isAfter(now) ? playsUntil : now).plusMillis(bytes / 8L);
    }

    @Override
    public void agentSaid(String itemId, String text) {
        if (text == null || text.isBlank()) return;
        synchronized (this) {
            var item = items.computeIfAbsent(itemId, id -> new AgentItem(call.now()));
            item.stored = call.said(Speaker.AGENT, text, item.startedAt);
            if (item.cutAtMs != null) item.stored = cut(item, item.cutAtMs);
        }
    }

    @Override
    public void callerStartedSpeaking(String itemId) {
        synchronized (this) {
            callerTurnStarts.putIfAbsent(itemId, call.now());
            var item = currentItem == null ? null : items.get(currentItem);
            if (item == null || item.cutAtMs != null || item.playedMs >= item.sentMs()) return;
            // Barge-in over unplayed agent audio: stop it, and make the record say what was heard.
            line.clear();
            playsUntil = call.now();
            item.cutAtMs = item.playedMs;
            var s = session;
            if (s != null) s.agentCutAt(currentItem, item.playedMs);
            if (item.stored != null) item.stored = cut(item, item.playedMs);
            else call.event("agent.interrupted", Map.of("item", currentItem, "heardMs", item.playedMs, "sentMs", item.sentMs()));
            currentItem = null;
        }
    }

    private CallMessage cut(AgentItem item, long heardMs) {
        var details = new LinkedHashMap<String, Object>();
        details.put("heardMs", heardMs);
        details.put("sentMs", item.sentMs());
        var heard = ModelDrivenCall.heardPart(item.stored.text(), Duration.ofMillis(heardMs), Duration.ofMillis(item.sentMs()));
        return call.cutToHeard(item.stored, heard, details);
    }

    @Override
    public void callerSaid(String itemId, String text) {
        if (text == null || text.isBlank()) return;
        Instant at;
        synchronized (this) {
            at = callerTurnStarts.getOrDefault(itemId, call.now());
        }
        call.said(Speaker.CALLER, text, at);
    }

    @Override
    public void toolCall(ToolCall toolCall) {
        try {
            turns.execute(() -> {
                var outcome = call.runTools(List.of(toolCall), toolBudget).get(0);
                var s = session;
                if (s != null) s.toolResult(toolCall.id(), outcome.forModel());
                if (outcome instanceof ToolOutcome.TransferToHuman || outcome instanceof ToolOutcome.EndCall) {
                    // The model says its last words first (it was told so); act once they have played.
                    synchronized (this) {
                        pendingAction = outcome;
                    }
                    awaitPlayed(outcome);
                }
            });
        } catch (RejectedExecutionException full) {
            // Every call thread is busy: the tool never starts, and the model hears so at once rather than waiting.
            call.event("tool.refused", Map.of("name", toolCall.name(), "reason", "call threads all busy"));
            var s = session;
            if (s != null) s.toolResult(toolCall.id(), BUSY.formatted(toolCall.name()));
        }
    }

    /** What the model is told when a tool could not even start (the same words as the tool runner's). */
    static final String BUSY = "Error: %s could not start: the system is very busy. Nothing was done. Tell the caller and "
            + "offer to try again in a moment or another way.";

    /**
     * Bounds the wait for Twilio to confirm the agent's last words played: {@code markWait} after
     * they should have played, the transfer or hang-up goes ahead (a lost {@code mark}, a stalled
     * stream). More audio sent meanwhile pushes the deadline on.
     */
    private void awaitPlayed(ToolOutcome outcome) {
        long delay;
        synchronized (this) {
            if (pendingAction != outcome) return;
            var now = call.now();
            delay = Math.max(0, Duration.between(now, playsUntil.isAfter(now) ? playsUntil : now).toMillis()) + markWait.toMillis();
        }
        try {
            timers.schedule(() -> markWaitOver(outcome, delay), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            markWaitOver(outcome, 0);
        }
    }

    private void markWaitOver(ToolOutcome outcome, long waitedMs) {
        synchronized (this) {
            if (pendingAction != outcome || finished) return;
            if (playsUntil.plus(markWait).isAfter(call.now())) {
                // The model went on speaking after the action was asked for: wait for those words too.
                awaitPlayed(outcome);
                return;
            }
            pendingAction = null;
        }
        var data = new LinkedHashMap<String, Object>();
        data.put("action", outcome instanceof ToolOutcome.TransferToHuman ? "transfer" : "end_call");
        data.put("waitedMs", waitedMs);
        data.put("reason", "Twilio did not confirm the agent's last words played: going ahead");
        call.event("marks.missing", data);
        act(outcome);
    }

    /**
     * Counted on the call's turn pool, not here: this runs on the model socket's thread, which
     * also carries the agent's audio, and a count is a database write on a row every call of the
     * tenant updates (under load, a wait of seconds held the audio behind it). Counts asked for
     * while one is on its way are added to it.
     */
    @Override
    public void used(ModelUsage usage) {
        var m = meter;
        if (m == null || usage.outputTokens() == 0) return;
        tokensUsed.addAndGet(usage.outputTokens());
        if (usage.estimated()) tokensEstimated = true;
        unmetered.addAndGet(usage.outputTokens());
        if (!metering.compareAndSet(false, true)) return;
        try {
            turns.execute(() -> meterNow(m));
        } catch (RejectedExecutionException full) {
            // Every call thread is busy: counted here rather than not at all.
            meterNow(m);
        }
    }

    private void meterNow(LongConsumer m) {
        metering.set(false);
        long tokens = unmetered.getAndSet(0);
        if (tokens == 0) return;
        try {
            m.accept(tokens);
        } catch (RuntimeException storeDown) {
            // The call goes on; the day's count misses these tokens, and the timeline says so.
            call.event("model.error", Map.of("code", "quota_count", "message", "platform-key tokens not counted: "
                    + storeDown.getMessage(), "fatal", false));
        }
    }

    @Override
    public void problem(String code, String message) {
        call.event("model.error", Map.of("code", code == null ? "" : code, "message", message == null ? "" : message, "fatal", false));
    }

    @Override
    public void failed(VoiceModelFailure failure) {
        synchronized (this) {
            if (finished) return;
        }
        call.event("model.failed", Map.of("reason", failure.wireName(), "detail", failure.detail() == null ? "" : failure.detail()));
        handOff("model " + failure.wireName(), apologyForTransfer(true));
    }

    // ---- moving the call on ----

    /** The call cannot be answered at all (no model may take it): a polite goodbye, never silence. */
    public void refuse(String reason) {
        end(reason, french() ? "Désolé, nous ne pouvons pas prendre votre appel pour le moment. Merci de rappeler plus tard. Au revoir."
                : "Sorry, we cannot take your call right now. Please call back later. Goodbye.");
    }

    private void act(ToolOutcome outcome) {
        if (outcome instanceof ToolOutcome.TransferToHuman t) handOff(t.reason(), apologyForTransfer(false));
        else if (outcome instanceof ToolOutcome.EndCall e) end(e.reason(), null);
    }

    private void handOff(String reason, String words) {
        synchronized (this) {
            if (finished) return;
            finished = true;
        }
        var s = session;
        if (s != null) s.close();
        usageOnTimeline();
        var handOff = call.handOff(reason);
        if (handOff.transferNumber() != null) line.transfer(handOff.transferNumber(), words, language);
        else {
            call.ending("no transfer number: " + reason);
            line.hangUp(noTransfer(), language);
        }
    }

    private void end(String reason, String words) {
        synchronized (this) {
            if (finished) return;
            finished = true;
        }
        var s = session;
        if (s != null) s.close();
        usageOnTimeline();
        call.ending(reason);
        line.hangUp(words, language);
    }

    private void repeatLast() {
        synchronized (this) {
            var item = lastItem == null ? null : items.get(lastItem);
            if (item == null) return;
            var audio = MuLawChunk.of(item.bytes());
            var again = new AgentItem(call.now());
            var id = lastItem + "-again-" + System.identityHashCode(again);
            items.put(id, again);
            again.sent(audio);
            currentItem = id;
            queuedForPlay(audio.length());
            line.play(audio, id + ":" + again.sentMs());
        }
    }

    private boolean allPlayed() {
        return items.values().stream().allMatch(i -> i.cutAtMs != null || i.playedMs >= i.sentMs());
    }

    private boolean french() {
        return language.toLowerCase(java.util.Locale.ROOT).startsWith("fr");
    }

    private String apologyForTransfer(boolean trouble) {
        if (french()) return trouble ? "Désolé, nous rencontrons un problème technique. Je vous passe un collègue." : "Je vous passe un collègue.";
        return trouble ? "Sorry, we are having technical trouble. Let me put you through to a colleague." : "Let me put you through to a colleague.";
    }

    private String noTransfer() {
        return french() ? "Désolé, nous rencontrons un problème technique et personne ne peut vous répondre pour le moment. Merci de rappeler plus tard. Au revoir."
                : "Sorry, we are having technical trouble and no one can take your call right now. Please call back later. Goodbye.";
    }

    private String goodbye() {
        return french() ? "Merci de votre appel. Au revoir." : "Thank you for calling. Goodbye.";
    }
}
