package dev.switchboard.domain.outbound;

import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallContexts;
import dev.switchboard.domain.call.CallDirection;
import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallRepository;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * An outbound call answered: Twilio's machine detection ({@code AnsweredBy}) says who picked up.
 * A person (or {@code unknown}) gets the agent; an answering machine or a fax gets the
 * assistant's voicemail message (its {@code {{variables}}} filled in) and then the call hangs up —
 * or hangs up at once when there is no message. Recorded on the call's timeline.
 */
public final class AnsweringMachine {
    /** What to do with the call. */
    public sealed interface Verdict {
        /** A person: connect the agent. */
        record Person() implements Verdict {}

        /** Say this, then hang up. */
        record LeaveMessage(String text, String language) implements Verdict {}

        /** Hang up without a word. */
        record HangUp() implements Verdict {}
    }

    private final CallRepository calls;
    private final CallContexts contexts;
    private final Clock clock;

    public AnsweringMachine(CallRepository calls, CallContexts contexts, Clock clock) {
        this.calls = calls;
        this.contexts = contexts;
        this.clock = clock;
    }

    /** @param answeredBy Twilio's {@code AnsweredBy}: human, machine_start, machine_end_beep, …, fax, unknown; null without detection */
    public Verdict hear(Call call, Assistant assistant, String answeredBy) {
        if (call.direction() != CallDirection.OUTBOUND || answeredBy == null) return new Verdict.Person();
        var who = answeredBy.strip().toLowerCase(Locale.ROOT);
        if (!who.startsWith("machine") && !who.equals("fax")) {
            calls.appendEvent(CallEvent.of(call, clock.instant(), "machine.detection", Map.of("answeredBy", who)));
            return new Verdict.Person();
        }
        var message = contexts.of(call.tenantId(), call.id()).fill(assistant.outbound().voicemailMessage());
        var leave = message != null && !message.isBlank() && !who.equals("fax");
        calls.appendEvent(CallEvent.of(call, clock.instant(), "machine.detected", Map.of("answeredBy", who, "voicemail", leave)));
        if (!leave) return new Verdict.HangUp();
        calls.appendEvent(CallEvent.of(call, clock.instant(), "voicemail.left", Map.of("text", message)));
        return new Verdict.LeaveMessage(message, assistant.language());
    }
}
