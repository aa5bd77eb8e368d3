package dev.switchboard.twilio.in;

import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.call.CallStatus;
import dev.switchboard.domain.call.RecordCallStatus;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.twilio.config.StatusCallbackProperties;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio telling us how a call goes: status callbacks ({@code /status}) and the end of a
 * ConversationRelay session ({@code /relay-action}), where a hand-off becomes a {@code <Dial>}.
 */
@Controller("/webhooks/twilio")
@Secured("isAnonymous()")
@ExecuteOn(TaskExecutors.BLOCKING)
final class TwilioCallCallbacks {
    private static final Logger LOG = LoggerFactory.getLogger(TwilioCallCallbacks.class);
    private static final long FIRST_BACKOFF_MILLIS = 50;
    private static final long MAX_BACKOFF_MILLIS = 1_000;
    private final CallerNumbers numbers;
    private final SignedRequests signatures;
    private final RecordCallStatus recordStatus;
    private final CallRepository calls;
    private final AssistantRepository assistants;
    private final JsonMapper json;
    private final Clock clock;
    private final PlacedCalls placed;
    private final StatusCallbackProperties statusCallbacks;

    TwilioCallCallbacks(CallerNumbers numbers, SignedRequests signatures, RecordCallStatus recordStatus, CallRepository calls,
                        AssistantRepository assistants, JsonMapper json, Clock clock, PlacedCalls placed,
                        StatusCallbackProperties statusCallbacks) {
        this.placed = placed;
        this.statusCallbacks = statusCallbacks;
        this.numbers = numbers;
        this.signatures = signatures;
        this.recordStatus = recordStatus;
        this.calls = calls;
        this.assistants = assistants;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Forward-only status; duplicates and reordering leave the same record. A 204, once stored.
     * Twilio does not retry a status callback that fails, so a database that is briefly out of
     * reach (the pool exhausted by a hang-up storm, a restart) is waited for, up to
     * {@code switchboard.status-callbacks.patience}, instead of answering an error after the
     * pool's short connection timeout. Every step is safe to repeat: the status only moves forward.
     */
    @Post(uri = "/status", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> status(HttpRequest<?> request, @Body Map<String, String> form) {
        try (var log = CallLogContext.webhook(form.get("CallSid"))) {
            return patiently("status callback", form, () -> recordStatus(request, form));
        }
    }

    /**
     * Runs {@code work} again, with backoff, while it fails because the database is unavailable or
     * the pool has no connection in time, for up to {@code switchboard.status-callbacks.patience};
     * then lets the failure through. Only for requests Twilio does not retry and no caller waits on.
     */
    private <T> T patiently(String what, Map<String, String> form, java.util.function.Supplier<T> work) {
        long giveUpAt = System.nanoTime() + statusCallbacks.patience().toNanos();
        long backoff = FIRST_BACKOFF_MILLIS;
        while (true) {
            try {
                return work.get();
            } catch (PortFailure e) {
                boolean transientFailure = e.category() == PortFailure.Category.UNAVAILABLE || e.category() == PortFailure.Category.TIMEOUT;
                if (!transientFailure || System.nanoTime() + backoff * 1_000_000 >= giveUpAt) throw e;
                LOG.warn("{} {} for call {} waits for the database, trying again in {} ms: {}",
                        what, form.get("CallStatus"), form.get("CallSid"), backoff, e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    private HttpResponse<?> recordStatus(HttpRequest<?> request, Map<String, String> form) {
        var number = numbers.ours(form);
        if (!signatures.verify(request, form, number)) return Refusal.badSignature(request.getPath());
        placed.confirm(request, form, number);
        number.ifPresent(n -> CallLogContext.tenant(n.tenantId()));
        var status = CallStatus.parse(form.get("CallStatus"));
        if (number.isEmpty() || status.isEmpty() || form.get("CallSid") == null) {
            LOG.warn("status callback for {} ignored: unknown number or status {}", form.get("CallSid"), form.get("CallStatus"));
            return HttpResponse.noContent();
        }
        Integer duration = null;
        try {
            if (form.get("CallDuration") != null) duration = Integer.valueOf(form.get("CallDuration").strip());
            if (duration != null && duration < 0) duration = null;
        } catch (NumberFormatException ignored) {
            // A garbled duration is dropped; the status still counts.
        }
        var outcome = recordStatus.record(new RecordCallStatus.Command(number.get().tenantId(), form.get("CallSid"), status.get(),
                duration, carrierTime(form.get("Timestamp")), callbackData(form)));
        outcome.ifPresent(change -> CallLogContext.call(change.call().tenantId(), change.call().id()));
        if (outcome.isEmpty()) LOG.warn("status callback {} for call {} came before the call: kept, applied once it exists",
                form.get("CallStatus"), form.get("CallSid"));
        return HttpResponse.noContent();
    }

    /** The relay session ended: transfer, hang up, or nothing if the caller is gone. */
    @Post(uri = "/relay-action", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_XML)
    HttpResponse<String> relayAction(HttpRequest<?> request, @Body Map<String, String> form) {
        try (var log = CallLogContext.webhook(form.get("CallSid"))) {
            return relayEnded(request, form);
        }
    }

    private HttpResponse<String> relayEnded(HttpRequest<?> request, Map<String, String> form) {
        try {
            // The caller has hung up: nobody waits on the answer, and Twilio never repeats the request,
            // so its record (relay.ended) waits for the database like a status callback. A caller
            // still on the line gets the fallback at once instead.
            if ("completed".equalsIgnoreCase(form.get("CallStatus"))) return patiently("relay action", form, () -> afterRelay(request, form));
            return afterRelay(request, form);
        } catch (RuntimeException e) {
            // The database is down, most likely. The caller is still on the line: end it kindly, never with a 5xx.
            LOG.warn("relay action for call {} failed, answered the fallback: {}", form.get("CallSid"), e.toString());
            var handoff = HandoffData.parse(json, form.get("HandoffData"));
            if ("completed".equalsIgnoreCase(form.get("CallStatus"))) return TwilioVoiceWebhook.xml(Twiml.empty());
            if (handoff != null && HandoffData.HANGUP.equals(handoff.action())) return TwilioVoiceWebhook.xml(Twiml.hangUp());
            return TwilioVoiceWebhook.xml(Twiml.sayAndHangUp(TwilioVoiceWebhook.TECHNICAL_PROBLEM, "en-US"));
        }
    }

    private HttpResponse<String> afterRelay(HttpRequest<?> request, Map<String, String> form) {
        var number = numbers.ours(form);
        if (!signatures.verify(request, form, number)) return Refusal.badSignature(request.getPath());
        var call = number.flatMap(n -> calls.findByProviderCallId(n.tenantId(), form.getOrDefault("CallSid", "")));
        call.ifPresent(c -> CallLogContext.call(c.tenantId(), c.id()));
        var language = call.flatMap(c -> c.assistantId() == null ? java.util.Optional.empty() : assistants.findById(c.tenantId(), c.assistantId()))
                .map(a -> a.language()).orElse("en-US");
        var french = language.toLowerCase().startsWith("fr");
        var handoff = HandoffData.parse(json, form.get("HandoffData"));
        var data = new LinkedHashMap<String, Object>();
        data.put("sessionStatus", form.getOrDefault("SessionStatus", ""));
        data.put("callStatus", form.getOrDefault("CallStatus", ""));
        if (form.get("ErrorCode") != null) data.put("errorCode", form.get("ErrorCode"));
        if (handoff != null) data.putAll(handoff.asEventData());
        call.ifPresent(c -> event(c, "relay.ended", data));
        if ("completed".equalsIgnoreCase(form.get("CallStatus"))) return TwilioVoiceWebhook.xml(Twiml.empty());
        if (handoff != null && HandoffData.TRANSFER.equals(handoff.action())) {
            if (E164Number.isValid(handoff.transferNumber())) {
                call.ifPresent(c -> event(c, "transfer.dialed", Map.of("number", handoff.transferNumber())));
                return TwilioVoiceWebhook.xml(Twiml.dial(new E164Number(handoff.transferNumber()),
                        french ? "Je vous transfère." : "Transferring you now.", language,
                        number.map(n -> n.number().value()).orElse(null)));
            }
            call.ifPresent(c -> event(c, "transfer.impossible", Map.of("reason", "the assistant has no transfer number")));
            return TwilioVoiceWebhook.xml(Twiml.sayAndHangUp(french
                    ? "Désolé, personne n'est disponible pour le moment. Nous vous rappellerons. Au revoir."
                    : "Sorry, no one is available right now. We will call you back. Goodbye.", language));
        }
        if (handoff != null && HandoffData.HANGUP.equals(handoff.action())) return TwilioVoiceWebhook.xml(Twiml.hangUp());
        return TwilioVoiceWebhook.xml(Twiml.sayAndHangUp(french
                ? "Désolé, nous rencontrons un problème technique. Merci de rappeler dans un instant. Au revoir."
                : "Sorry, we are having a technical problem. Please call again in a moment. Goodbye.", language));
    }

    /** Twilio's {@code Timestamp} (RFC 2822, e.g. "Wed, 08 Oct 2025 13:54:12 +0000"); absent or garbled: now. */
    static java.time.Instant carrierTime(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) return null;
        try {
            return java.time.ZonedDateTime.parse(timestamp.strip(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private void event(Call call, String type, Map<String, Object> data) {
        calls.appendEvent(CallEvent.of(call, clock.instant(), type, data));
    }

    private static Map<String, Object> callbackData(Map<String, String> form) {
        var data = new LinkedHashMap<String, Object>();
        for (var key : new String[] {"CallStatus", "CallDuration", "SequenceNumber", "Timestamp", "SipResponseCode", "CallbackSource"})
            if (form.get(key) != null) data.put(key, form.get(key));
        return data;
    }
}
