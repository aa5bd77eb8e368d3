package dev.switchboard.testkit.caller;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The end of a call as Twilio plays it: the {@code <Connect action>} request when a relay session
 * ran (PROTOCOLS.md §4.5), the socket closed, then the status callbacks (§3).
 */
final class Hangup {
    /** RFC 2822, as in Twilio's {@code Timestamp}: {@code Wed, 08 Oct 2025 13:54:12 +0000}. */
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    private final VirtualCaller caller;
    private final LiveCall call;

    Hangup(VirtualCaller caller, LiveCall call) {
        this.caller = caller;
        this.call = call;
    }

    CallResult complete() {
        var relay = call.relayOrNull();
        var outcome = outcome();
        Optional<WebhookExchange> action = Optional.empty();
        Optional<TwimlDocument> actionTwiml = Optional.empty();
        if (relay != null) {
            // Twilio closes the socket once the session is over, whoever ended it.
            relay.close();
            var actionUrl = call.twiml().flatMap(TwimlDocument::connectAction);
            if (actionUrl.isPresent()) {
                action = Optional.of(caller.webhooks().postSigned(caller.endpoints().absolute(actionUrl.get(), false),
                        actionParameters(outcome), Sids.idempotencyToken()));
                actionTwiml = action.filter(WebhookExchange::ok).flatMap(Hangup::parse);
            }
        }
        if (relay != null)
            for (var frame : relay.frames())
                if (frame.direction() == RelayFrame.Direction.FROM_SERVER)
                    RelayMessageRules.violation(frame.text()).ifPresent(why -> {
                        throw new TwilioWouldReject(frame.text(), why);
                    });
        var statuses = outcome == CallResult.Outcome.WEBHOOK_FAILED && call.voiceWebhook().status() < 0
                ? List.<WebhookExchange>of() : postStatusCallbacks();
        return new CallResult(call.callSid(), call.sessionId(), call.voiceWebhook(), call.twiml(), call.handshakeStatus(),
                relay == null ? List.of() : relay.frames(), call.turns(), call.endMessage(),
                call.endMessage().flatMap(LiveCall::handoffData), action, actionTwiml, statuses, outcome);
    }

    private CallResult.Outcome outcome() {
        if (call.twiml().isEmpty()) return CallResult.Outcome.WEBHOOK_FAILED;
        if (call.twiml().flatMap(TwimlDocument::conversationRelay).isEmpty()) return CallResult.Outcome.NO_RELAY;
        OptionalInt handshake = call.handshakeStatus();
        if (handshake.isEmpty() || handshake.getAsInt() != 101) return CallResult.Outcome.HANDSHAKE_REJECTED;
        if (call.endMessage().isPresent()) return CallResult.Outcome.AGENT_ENDED;
        if (call.socketClosed()) return CallResult.Outcome.SERVER_CLOSED_SOCKET;
        return CallResult.Outcome.CALLER_HUNG_UP;
    }

    private Map<String, String> actionParameters(CallResult.Outcome outcome) {
        var callerStillThere = outcome != CallResult.Outcome.CALLER_HUNG_UP;
        var p = caller.callParameters(call.callSid(), callerStillThere ? "in-progress" : "completed");
        p.put("SessionId", call.sessionId());
        p.put("SessionStatus", outcome == CallResult.Outcome.SERVER_CLOSED_SOCKET ? "failed" : "ended");
        var started = call.sessionStartedAt().orElse(call.answeredAt());
        p.put("SessionDuration", String.valueOf(seconds(started)));
        call.endMessage().flatMap(LiveCall::handoffData).ifPresent(data -> p.put("HandoffData", data));
        if (outcome == CallResult.Outcome.SERVER_CLOSED_SOCKET) {
            p.put("ErrorCode", "64105");
            p.put("ErrorMessage", "WebSocket ended");
        }
        return p;
    }

    private List<WebhookExchange> postStatusCallbacks() {
        var now = caller.clock().instant();
        var rejected = call.twiml().flatMap(TwimlDocument::reject).isPresent();
        var bodies = new ArrayList<Map<String, String>>();
        if (!rejected) bodies.add(status("in-progress", 0, call.answeredAt(), null));
        bodies.add(status(rejected ? "busy" : "completed", bodies.size(), now, rejected ? 0L : seconds(call.answeredAt())));
        // A retry repeats the body and the idempotency token: pair each body with one token.
        var deliveries = bodies.stream().map(b -> Map.entry(b, Sids.idempotencyToken())).toList();
        var posted = new ArrayList<WebhookExchange>();
        for (var d : caller.statusDelivery().arrange(deliveries))
            posted.add(caller.webhooks().postSigned(caller.statusPath(), d.getKey(), d.getValue()));
        return posted;
    }

    private Map<String, String> status(String status, int sequence, Instant at, Long duration) {
        var p = caller.callParameters(call.callSid(), status);
        p.put("CallbackSource", "call-progress-events");
        p.put("SequenceNumber", String.valueOf(sequence));
        p.put("Timestamp", RFC_2822.format(at));
        if (duration != null) {
            p.put("CallDuration", String.valueOf(duration));
            // Billed minutes: an answered call counts at least one.
            p.put("Duration", String.valueOf("busy".equals(status) ? 0 : Math.max(1, (duration + 59) / 60)));
        }
        return new LinkedHashMap<>(p);
    }

    private long seconds(Instant since) {
        return Math.max(0, Duration.between(since, caller.clock().instant()).toSeconds());
    }

    private static Optional<TwimlDocument> parse(WebhookExchange exchange) {
        try {
            return Optional.of(TwimlDocument.parse(exchange.body()));
        } catch (IllegalArgumentException notTwiml) {
            return Optional.empty();
        }
    }
}
