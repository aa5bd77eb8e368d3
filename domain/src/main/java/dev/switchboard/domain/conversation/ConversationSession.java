package dev.switchboard.domain.conversation;

import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.assistant.DtmfAction;
import dev.switchboard.domain.call.CallMessage;
import dev.switchboard.domain.call.CallMessage.Speaker;
import dev.switchboard.domain.tool.ToolContext;
import dev.switchboard.domain.tool.ToolOutcome;
import dev.switchboard.domain.tool.ToolRunner;
import dev.switchboard.domain.tool.Toolbox;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The conversation of one call, whatever runtime carries it. The runtime feeds it what the
 * caller said, barge-ins and keypad digits; it answers through {@link ConversationOutput}, as
 * the model streams, running the tools the model asks for in a bounded loop.
 *
 * <p>Threading: {@link #callerSaid} and {@link #digitPressed} block for a whole turn and are
 * meant to run on a worker thread; turns run one at a time. {@link #interrupted} and
 * {@link #callEnded} may be called from any thread at any moment and return at once.
 */
public final class ConversationSession {
    private final Assistant assistant;
    private final TenantFacts tenant;
    private final Map<String, String> callContext;
    private final CallTimeline timeline;
    private final LanguageModel model;
    private final Toolbox toolbox;
    private final ToolRunner tools;
    private final ConversationOutput output;
    private final EngineSettings settings;
    private final SpokenLines lines;
    private final History history = new History();
    private final ReentrantLock turnLock = new ReentrantLock();
    private final Speaking speaking = new Speaking();
    /** Kinds of model notes already on this call's timeline: each is said once per call. */
    private final Set<String> notedKinds = ConcurrentHashMap.newKeySet();
    private volatile boolean finished;

    public ConversationSession(Assistant assistant, TenantFacts tenant, Map<String, String> callContext, CallTimeline timeline,
                               LanguageModel model, Toolbox toolbox, ExecutorService toolExecutor, ConversationOutput output,
                               EngineSettings settings) {
        this.assistant = assistant;
        this.tenant = tenant;
        this.callContext = callContext == null ? Map.of() : Map.copyOf(callContext);
        this.timeline = timeline;
        this.model = model;
        this.toolbox = toolbox;
        this.tools = new ToolRunner(toolbox, toolExecutor, settings.toolTimeout());
        this.output = output;
        this.settings = settings;
        this.lines = SpokenLines.forLanguage(assistant.language());
    }

    /** The language the assistant was configured to speak (BCP 47). */
    public String language() {
        return assistant.language();
    }

    /** Records the greeting the carrier already spoke (e.g. ConversationRelay's welcomeGreeting). */
    public void greeted() {
        if (assistant.firstMessage() == null) return;
        remember(timeline.said(Speaker.AGENT, assistant.firstMessage()));
        history.agent(assistant.firstMessage(), List.of());
        timeline.event("agent.greeted", Map.of("text", assistant.firstMessage()));
    }

    /** A final utterance of the caller: answer it (blocking until the agent's turn is over). */
    public void callerSaid(String text) {
        if (finished || text == null || text.isBlank()) return;
        turnLock.lock();
        try {
            if (finished) return;
            timeline.event("caller.said", Map.of("text", text));
            timeline.said(Speaker.CALLER, text);
            history.caller(text);
            answer();
        } finally {
            turnLock.unlock();
        }
    }

    /**
     * The caller barged in; {@code heard} is what they heard of the agent before that. The reply
     * in progress stops, and the stored agent message becomes what was actually heard.
     */
    public void interrupted(String heard) {
        var heardText = heard == null ? "" : heard;
        // Stop the reply first; the timeline can wait the few milliseconds a write takes.
        speaking.interrupt(heardText).ifPresent(spokenInFull -> {
            timeline.save(spokenInFull.truncatedTo(heardText));
            history.truncateLastAgent(spokenInFull.text(), heardText);
        });
        timeline.event("agent.interrupted", Map.of("heard", heardText));
    }

    /** A keypad digit; what it does is the assistant's DTMF policy. */
    public void digitPressed(char digit) {
        if (finished) return;
        var action = assistant.dtmfPolicy().actionFor(digit);
        timeline.event("dtmf.pressed", Map.of("digit", String.valueOf(digit), "action", action.map(Enum::name).orElse("none")));
        if (action.isEmpty()) return;
        speaking.stop();
        turnLock.lock();
        try {
            if (finished) return;
            act(action.get(), digit);
        } finally {
            turnLock.unlock();
        }
    }

    /** The call is over (caller hung up, socket closed): stop whatever is running. */
    public void callEnded(String reason) {
        finished = true;
        speaking.stop();
        timeline.event("conversation.ended", Map.of("reason", reason == null ? "" : reason));
    }

    private void act(DtmfAction action, char digit) {
        switch (action) {
            case TRANSFER_TO_HUMAN -> {
                speak(lines.transferring());
                handOff("caller pressed " + digit);
            }
            case REPEAT_LAST_MESSAGE -> {
                var last = speaking.lastAgentMessage();
                speak(last == null ? lines.nothingToRepeat() : last.text());
            }
            case END_CALL -> {
                speak(lines.goodbye());
                hangUp("caller pressed " + digit);
            }
        }
    }

    /** The tool loop: ask, stream, run tools, feed results back — at most maxToolRounds times. */
    private void answer() {
        var context = new ToolContext(timeline.call().tenantId(), assistant, timeline.call().id(), timeline.call().customer());
        for (int round = 1; round <= settings.maxToolRounds(); round++) {
            var turn = speaking.begin();
            var reply = new Replying(turn, round, timeline, output, notedKinds).ask(model, request());
            var cancelled = reply != null && reply.stopReason() == ModelReply.StopReason.CANCELLED;
            // The whole reply is stored and in the history before a barge-in can look for it.
            var heard = speaking.end(turn, reply == null || cancelled ? null : () -> {
                history.agent(reply.text(), reply.toolCalls());
                return reply.text().isBlank() ? null : timeline.said(Speaker.AGENT, reply.text());
            });
            if (reply == null) {
                recover(turn);
                return;
            }
            if (heard != null || cancelled) {
                var said = heard != null ? heard : turn.spoken.toString();
                if (!said.isEmpty()) {
                    var heardMessage = CallMessage.of(timeline.call(), Speaker.AGENT, said, timeline.clock().instant()).truncatedTo(said);
                    timeline.save(heardMessage);
                    remember(heardMessage);
                }
                history.agent(said, List.of());
                return;
            }
            if (reply.toolCalls().isEmpty()) {
                output.text("", true);
                timeline.event("agent.said", Map.of("text", reply.text(), "round", round));
                return;
            }
            if (!reply.text().isBlank()) timeline.event("agent.said", Map.of("text", reply.text(), "round", round));
            ToolOutcome control = null;
            for (var call : reply.toolCalls()) {
                var outcome = new ToolStep(timeline, tools).run(context, call);
                history.toolResult(call, outcome);
                if (outcome instanceof ToolOutcome.PressKeys keys)
                    timeline.event("digits.sent", Map.of("digits", keys.digits(), "sent", output.sendDigits(keys.digits())));
                if (outcome instanceof ToolOutcome.TransferToHuman || outcome instanceof ToolOutcome.EndCall) control = outcome;
            }
            if (control != null) {
                finishWith(control, reply.text());
                return;
            }
        }
        timeline.event("error", Map.of("stage", "tool-loop", "message", "still asking for tools after " + settings.maxToolRounds() + " rounds"));
        speak(lines.tooManySteps());
    }

    private ModelRequest request() {
        var prompt = SystemPrompt.assemble(assistant, tenant, timeline.clock().instant(), callContext);
        return new ModelRequest(timeline.call().tenantId(), assistant.model(), prompt, history.snapshot(), toolbox.definitionsFor(assistant),
                timeline.call().id());
    }

    /** The model failed: never leave the caller in silence. */
    private void recover(Turn turn) {
        if (turn.spoken.length() == 0) {
            speak(lines.trouble());
        } else {
            history.agent(turn.spoken.toString(), List.of());
            remember(timeline.said(Speaker.AGENT, turn.spoken.toString()));
            output.text("", true);
        }
    }

    private void finishWith(ToolOutcome control, String alreadySaid) {
        if (control instanceof ToolOutcome.TransferToHuman transfer) {
            if (alreadySaid.isBlank()) speak(lines.transferring()); else output.text("", true);
            handOff(transfer.reason());
        } else if (control instanceof ToolOutcome.EndCall end) {
            if (alreadySaid.isBlank()) speak(lines.goodbye()); else output.text("", true);
            hangUp(end.reason());
        }
    }

    /** Says a whole line the engine chose itself, and records it. */
    private void speak(String text) {
        // Stored before it is sent: a barge-in on it (which can only come once it was heard) finds it.
        history.agent(text, List.of());
        remember(timeline.said(Speaker.AGENT, text));
        output.text(text, true);
        timeline.event("agent.said", Map.of("text", text));
    }

    private void handOff(String reason) {
        finished = true;
        var number = assistant.transferNumber();
        timeline.event("handoff", Map.of("reason", reason == null ? "" : reason, "transferNumber", number == null ? "" : number.value()));
        output.handOff(new HandOff(number, reason, history.lastCallerText()));
    }

    private void hangUp(String reason) {
        finished = true;
        timeline.event("hangup", Map.of("reason", reason == null ? "" : reason));
        output.hangUp(reason);
    }

    private void remember(CallMessage agentMessage) {
        speaking.remember(agentMessage);
    }
}
