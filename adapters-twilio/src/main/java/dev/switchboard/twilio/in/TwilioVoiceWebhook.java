package dev.switchboard.twilio.in;

import dev.switchboard.domain.assistant.Runtime;
import dev.switchboard.domain.call.AnswerCall;
import dev.switchboard.domain.call.CallDirection;
import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.call.CallStatus;
import dev.switchboard.domain.conversation.LiveCalls;
import dev.switchboard.domain.outbound.AnsweringMachine;
import dev.switchboard.twilio.config.PublicUrl;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/twilio/voice}: a call reached one of our numbers. Answers TwiML that hands
 * the call to the number's assistant over ConversationRelay or Media Streams, or a polite goodbye — never a 500,
 * which Twilio would turn into its generic error message.
 */
@Controller("/webhooks/twilio")
@Secured("isAnonymous()")
@ExecuteOn(TaskExecutors.BLOCKING)
final class TwilioVoiceWebhook {
    static final String RELAY_PATH = "/webhooks/twilio/relay";
    static final String STREAM_PATH = "/webhooks/twilio/stream";
    private static final Logger LOG = LoggerFactory.getLogger(TwilioVoiceWebhook.class);
    private final CallerNumbers numbers;
    private final SignedRequests signatures;
    private final AnswerCall answerCall;
    private final CallRepository calls;
    private final PublicUrl publicUrl;
    private final Clock clock;
    private final LiveCalls live;
    private final UnprovenNumbers unproven;
    private final PlacedCalls placed;
    private final AnsweringMachine machines;

    TwilioVoiceWebhook(CallerNumbers numbers, SignedRequests signatures, AnswerCall answerCall, CallRepository calls,
                       PublicUrl publicUrl, Clock clock, LiveCalls live, UnprovenNumbers unproven, PlacedCalls placed,
                       AnsweringMachine machines) {
        this.placed = placed;
        this.machines = machines;
        this.numbers = numbers;
        this.signatures = signatures;
        this.answerCall = answerCall;
        this.calls = calls;
        this.publicUrl = publicUrl;
        this.clock = clock;
        this.live = live;
        this.unproven = unproven;
    }

    /**
     * Any failure here (the database down, most likely) answers fallback TwiML — an apology and a
     * hang-up — because a 5xx only makes Twilio play its generic error to the caller. Nothing in it
     * is secret, so it does not wait for a signature check that needs the database too.
     */
    @Post(uri = "/voice", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_XML)
    HttpResponse<String> voice(HttpRequest<?> request, @Body Map<String, String> form) {
        if (!live.accepting()) {
            // Shutting down: a 503 makes Twilio try the number's fallback URL (another instance, ADR 007).
            LOG.warn("call {} refused with 503: this instance is shutting down", form.get("CallSid"));
            return HttpResponse.<String>status(io.micronaut.http.HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1");
        }
        try (var log = CallLogContext.webhook(form.get("CallSid"))) {
            try {
                return answer(request, form);
            } catch (RuntimeException e) {
                LOG.warn("voice webhook for call {} failed, answered the apology: {}", form.get("CallSid"), e.toString());
                return xml(Twiml.sayAndHangUp(TECHNICAL_PROBLEM, "en-US"));
            }
        }
    }

    static final String TECHNICAL_PROBLEM = "Sorry, we are having a technical problem. Please call again in a moment. Goodbye.";

    private HttpResponse<String> answer(HttpRequest<?> request, Map<String, String> form) {
        var number = numbers.ours(form);
        if (!signatures.verify(request, form, number)) return Refusal.badSignature(request.getPath());
        var callSid = form.get("CallSid");
        if (number.isEmpty() || callSid == null || callSid.isBlank()) {
            LOG.warn("call {} to {} reached no number of ours; answered with a goodbye", callSid, form.get("To"));
            return xml(Twiml.sayAndHangUp("Sorry, this number is not in service. Goodbye.", "en-US"));
        }
        placed.confirm(request, form, number);
        var direction = CallDirection.parse(form.get("Direction")).orElse(CallDirection.INBOUND);
        var status = CallStatus.parse(form.get("CallStatus")).orElse(CallStatus.RINGING);
        var answered = answerCall.answer(new AnswerCall.Command(number.get(), form.getOrDefault("From", "unknown"),
                form.getOrDefault("To", ""), callSid, direction, status, Map.copyOf(form)));
        var answer = answered instanceof AnswerCall.Answer.Connect c
                ? new AnswerCall.Answer.Connect(c.call(), placed.personalize(c.call(), c.assistant())) : answered;
        var call = answer.call();
        CallLogContext.call(call.tenantId(), call.id());
        if (unproven.refuse(number.get(), direction)) {
            // On record, so the operator sees why the line said goodbye (not a call that failed with nothing stored).
            LOG.warn("call {} to unproven number {} of tenant {} refused: {}", callSid, number.get().number(), call.tenantId(), UnprovenNumbers.REASON);
            event(call, "call.refused", Map.of("reason", UnprovenNumbers.REASON));
            return xml(Twiml.sayAndHangUp(UnprovenNumbers.GOODBYE, "en-US"));
        }
        if (answer instanceof AnswerCall.Answer.Connect connect) {
            var verdict = machines.hear(call, connect.assistant(), form.get("AnsweredBy"));
            if (verdict instanceof AnsweringMachine.Verdict.LeaveMessage message) return xml(Twiml.sayAndHangUp(message.text(), message.language()));
            if (verdict instanceof AnsweringMachine.Verdict.HangUp) return xml(Twiml.hangUp());
        }
        String twiml;
        if (answer instanceof AnswerCall.Answer.Connect connect && connect.assistant().runtime() == Runtime.RELAY) {
            var query = "?tenant=" + call.tenantId() + "&call=" + call.id();
            var socket = publicUrl.websocket(RELAY_PATH + query);
            twiml = Twiml.conversationRelay(connect.assistant(), socket, publicUrl.http("/webhooks/twilio/relay-action"),
                    Map.of("tenant", call.tenantId().toString(), "call", call.id().toString(), "lang", connect.assistant().language()));
            event(call, "twiml.returned", Map.of("runtime", "relay", "socket", socket));
        } else if (answer instanceof AnswerCall.Answer.Connect connect && connect.assistant().runtime() == Runtime.STREAM) {
            // Twilio takes no query string on a <Stream> URL: the call is in the (signed) path.
            var socket = publicUrl.websocket(STREAM_PATH + "/" + call.tenantId() + "/" + call.id());
            twiml = Twiml.stream(connect.assistant(), socket, Map.of("tenant", call.tenantId().toString(), "call", call.id().toString()));
            event(call, "twiml.returned", Map.of("runtime", "stream", "socket", socket));
        } else if (answer instanceof AnswerCall.Answer.Connect connect) {
            twiml = Twiml.sayAndHangUp(unavailable(connect.assistant().language()), connect.assistant().language());
            event(call, "twiml.returned", Map.of("runtime", connect.assistant().runtime().name().toLowerCase(),
                    "note", "this runtime does not take calls through this webhook yet"));
        } else {
            twiml = Twiml.sayAndHangUp("Sorry, no one can take your call on this line right now. Goodbye.", "en-US");
            event(call, "twiml.returned", Map.of("runtime", "none", "note", "no assistant"));
        }
        LOG.info("call {} ({}) answered", callSid, direction.name().toLowerCase());
        return xml(twiml);
    }

    private static String unavailable(String language) {
        return language.toLowerCase().startsWith("fr") ? "Désolé, ce service n'est pas disponible pour le moment. Au revoir."
                : "Sorry, this service is not available right now. Goodbye.";
    }

    private void event(dev.switchboard.domain.call.Call call, String type, Map<String, Object> data) {
        calls.appendEvent(CallEvent.of(call, clock.instant(), type, data));
    }

    static HttpResponse<String> xml(String twiml) {
        return HttpResponse.ok(twiml).contentType(MediaType.TEXT_XML_TYPE);
    }
}
