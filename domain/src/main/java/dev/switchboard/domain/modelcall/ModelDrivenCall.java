package dev.switchboard.domain.modelcall;

import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallMessage;
import dev.switchboard.domain.call.CallRecorder;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.conversation.CallTimeline;
import dev.switchboard.domain.conversation.HandOff;
import dev.switchboard.domain.tool.ToolCall;
import dev.switchboard.domain.tool.ToolContext;
import dev.switchboard.domain.tool.ToolOutcome;
import dev.switchboard.domain.tool.ToolRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One call whose conversation a provider's model drives (OpenAI Realtime, Gemini Live, Vapi):
 * what happens on our side, whichever provider it is. It records the caller's and the agent's
 * turns, runs the provider's tool calls through the one {@link ToolRunner} (each on the timeline
 * as {@code tool.called}), cuts an agent message to what the caller heard when they barged in,
 * and notes a hand-off or an ending. Writing the record is best effort while the caller is on
 * the line (a failed write never ends the call). Thread-safe.
 */
public final class ModelDrivenCall {
    private final Call call;
    private final Assistant assistant;
    private final ToolRunner tools;
    private final CallTimeline timeline;
    private final TranscriptTurns transcript;

    /**
     * @param assistant the assistant on the call; {@code null} when none is known (no tool can run then)
     * @param provider names the provider in the ids of the transcript turns it reports ({@code vapi}, {@code openai}, …)
     */
    public ModelDrivenCall(Call call, Assistant assistant, String provider, CallRepository calls, ToolRunner tools, Clock clock) {
        // Records written at once, on the caller's thread: a webhook's answer may depend on them being stored.
        this(call, assistant, provider, calls, CallRecorder.direct(calls), tools, clock);
    }

    /**
     * @param recorder where the timeline and the runtime's own turns go: a live call's runtime passes
     *     the instance's batching recorder, so no write sits on its audio path (ADR 007)
     */
    public ModelDrivenCall(Call call, Assistant assistant, String provider, CallRepository calls, CallRecorder recorder,
                           ToolRunner tools, Clock clock) {
        this.call = Objects.requireNonNull(call, "call");
        this.assistant = assistant;
        this.tools = tools;
        this.timeline = new CallTimeline(call, recorder, clock);
        this.transcript = new TranscriptTurns(calls, provider);
    }

    public Call call() {
        return call;
    }

    public Optional<Assistant> assistant() {
        return Optional.ofNullable(assistant);
    }

    public Instant now() {
        return timeline.clock().instant();
    }

    /** Puts one stage on the call's timeline. */
    public void event(String type, Map<String, Object> data) {
        timeline.event(type, data);
    }

    /** A turn the runtime heard or spoke itself, stamped {@code at} — when it was said, which fixes its place in the transcript. */
    public CallMessage said(CallMessage.Speaker speaker, String text, Instant at) {
        var message = CallMessage.of(call, speaker, text.strip(), at);
        timeline.save(message);
        return message;
    }

    /**
     * The caller barged in: {@code message} becomes what they heard of it (marked interrupted).
     *
     * @return the message as now stored
     */
    public CallMessage cutToHeard(CallMessage message, String heard, Map<String, Object> details) {
        var cut = message.truncatedTo(heard == null ? "" : heard.strip());
        timeline.save(cut);
        var data = new LinkedHashMap<String, Object>(details);
        data.put("heard", cut.text());
        timeline.event("agent.interrupted", data);
        return cut;
    }

    /**
     * The part of {@code text} a caller heard when {@code heard} of its {@code total} audio had
     * played: the same share of its words, rounded down (a word half-heard was not heard).
     */
    public static String heardPart(String text, Duration heard, Duration total) {
        if (text == null || text.isBlank() || heard.isNegative() || heard.isZero()) return "";
        if (total.isZero() || total.isNegative() || heard.compareTo(total) >= 0) return text.strip();
        var words = text.strip().split("\\s+");
        int count = (int) (words.length * (double) heard.toMillis() / total.toMillis());
        return String.join(" ", java.util.Arrays.asList(words).subList(0, Math.max(0, Math.min(words.length, count))));
    }

    /** A final turn of the provider's own transcript: stored unless it already is (redeliveries land on the same row). */
    public boolean recordTurn(SpokenTurn turn) {
        return transcript.saveOne(call, turn);
    }

    /** The provider's whole transcript so far: each turn stored once, however often it arrives. */
    public int recordTurns(List<SpokenTurn> turns) {
        return transcript.saveAll(call, turns);
    }

    /** Where the tools of this call run; empty without an assistant. */
    public Optional<ToolContext> toolContext() {
        if (assistant == null) return Optional.empty();
        return Optional.of(new ToolContext(call.tenantId(), assistant, call.id(), call.customer()));
    }

    /**
     * Runs the provider's tool calls together within {@code budget}, each answered in the order
     * asked (without an assistant, each with an error the model can read) and each on the timeline.
     */
    public List<ToolOutcome> runTools(List<ToolCall> toolCalls, Duration budget) {
        var context = toolContext();
        if (context.isEmpty())
            return toolCalls.stream().<ToolOutcome>map(c -> new ToolOutcome.Failed(
                    "Error: this call has no assistant configured in Switchboard, so no tool can run.", Map.of("error", "no assistant"))).toList();
        var outcomes = tools.runAll(context.get(), toolCalls, budget);
        for (int i = 0; i < toolCalls.size(); i++) {
            var toolCall = toolCalls.get(i);
            var outcome = outcomes.get(i);
            var data = new LinkedHashMap<String, Object>();
            data.put("toolCallId", toolCall.id());
            data.put("name", toolCall.name());
            data.put("arguments", toolCall.arguments());
            data.put("outcome", outcome.getClass().getSimpleName());
            data.put("result", singleLine(outcome.forModel()));
            data.put("report", singleLine(outcome.report()));
            data.put("details", outcome.details());
            timeline.event("tool.called", data);
        }
        return outcomes;
    }

    /** The caller is passed to a human (the assistant's transfer number; none: the runtime ends politely). */
    public HandOff handOff(String reason) {
        var number = assistant == null ? null : assistant.transferNumber();
        var data = new LinkedHashMap<String, Object>();
        data.put("reason", reason);
        data.put("transferNumber", number == null ? "none" : number.value());
        timeline.event("call.handoff", data);
        return new HandOff(number, reason, null);
    }

    /** The call is being ended on our side, for {@code reason}. */
    public void ending(String reason) {
        timeline.event("call.ending", Map.of("reason", reason));
    }

    /** Providers that read results on one line (Vapi), and the timeline, get them so. */
    public static String singleLine(String text) {
        return text == null ? "" : text.replaceAll("[\\r\\n]+", " ").strip();
    }
}
