package dev.switchboard.domain.call;

import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.phone.PhoneNumber;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A call reached one of our numbers (the carrier already proved who it is): record the call
 * and decide who answers. A retried webhook for the same carrier call id finds the call it
 * created the first time instead of creating a second one.
 */
public final class AnswerCall {
    /** What the carrier told us about the call. {@code webhook} is kept on the timeline. */
    public record Command(PhoneNumber number, String from, String to, String providerCallId, CallDirection direction,
                          CallStatus status, Map<String, Object> webhook) {
        public Command {
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(providerCallId, "providerCallId");
            webhook = webhook == null ? Map.of() : Map.copyOf(webhook);
        }
    }

    /** Who answers. */
    public sealed interface Answer {
        Call call();

        /** The assistant takes the call. */
        record Connect(Call call, Assistant assistant) implements Answer {}

        /** The number has no assistant (or it was deleted): a polite message, then hang up. */
        record NoAssistant(Call call) implements Answer {}
    }

    private final CallRepository calls;
    private final AssistantRepository assistants;
    private final Clock clock;

    public AnswerCall(CallRepository calls, AssistantRepository assistants, Clock clock) {
        this.calls = calls;
        this.assistants = assistants;
        this.clock = clock;
    }

    public Answer answer(Command command) {
        var tenant = command.number().tenantId();
        var existing = calls.findByProviderCallId(tenant, command.providerCallId());
        // A call we placed keeps the assistant it was placed with, whichever the number has now.
        var assistantId = existing.map(Call::assistantId).filter(java.util.Objects::nonNull).orElse(command.number().assistantId());
        var assistant = assistantId == null ? null : assistants.findById(tenant, assistantId).orElse(null);
        // A call we placed exists before Twilio asks how to answer it: only a webhook it already had makes this one a retry.
        var retry = existing.isPresent() && (existing.get().direction() != CallDirection.OUTBOUND
                || calls.events(tenant, existing.get().id()).stream().anyMatch(e -> e.type().equals("webhook.received")));
        Call call;
        if (existing.isPresent()) {
            call = existing.get();
        } else {
            var created = Call.started(tenant, command.direction(), command.from(), command.to(),
                    assistant == null ? dev.switchboard.domain.assistant.Runtime.RELAY : assistant.runtime(),
                    assistant == null ? null : assistant.id(), command.number().id(), command.providerCallId(),
                    command.status() == null ? CallStatus.RINGING : command.status(), clock.instant());
            try {
                calls.add(created);
                call = created;
            } catch (IllegalArgumentException lostTheRace) {
                // The same webhook, delivered twice at once: the other delivery created the call.
                call = calls.findByProviderCallId(tenant, command.providerCallId()).orElseThrow(() -> lostTheRace);
                retry = true;
            }
        }
        var data = new LinkedHashMap<String, Object>(command.webhook());
        data.put("retry", retry);
        calls.appendEvent(CallEvent.of(call, clock.instant(), "webhook.received", data));
        if (assistant == null) {
            calls.appendEvent(CallEvent.of(call, clock.instant(), "call.unanswered", Map.of("reason", "the number has no assistant")));
            return new Answer.NoAssistant(call);
        }
        return new Answer.Connect(call, assistant);
    }
}
