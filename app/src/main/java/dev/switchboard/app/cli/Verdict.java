package dev.switchboard.app.cli;

import dev.switchboard.testkit.caller.AgentTurn;
import dev.switchboard.testkit.caller.CallResult;
import java.util.Optional;

/** What a simulated call came to, as an exit code and lines for a person. */
record Verdict(int exitCode, String message) {

    static Verdict of(CallResult call, String url) {
        var voice = call.voiceWebhook();
        if (voice.status() < 0)
            return failure("cannot reach the server at " + url + " (" + voice.failure().orElse("no answer")
                    + "). Is it running? Start it with ./switchboard");
        if (voice.status() == 401 || voice.status() == 403)
            return failure("the server refused the call's signature (HTTP " + voice.status() + "): the auth token does not match"
                    + " the server's. Pass --auth-token, or set TWILIO_AUTH_TOKEN to the server's token (if --public-url differs"
                    + " from the server's SWITCHBOARD_PUBLIC_URL, signatures fail too)");
        if (!voice.ok())
            return failure("the voice webhook " + voice.sentTo() + " answered HTTP " + voice.status() + body(voice.body()));
        if (call.twiml().isEmpty())
            return failure("the voice webhook answered something that is not TwiML" + body(voice.body()));
        return switch (call.outcome()) {
            case NO_RELAY -> failure("the server did not connect an agent to " + call.voiceWebhook().params().get("To")
                    + spoken(call) + ". Is that number imported and assigned to an assistant using the relay runtime?");
            case HANDSHAKE_REJECTED -> call.handshakeStatus().orElse(-1) == 403 || call.handshakeStatus().orElse(-1) == 401
                    ? failure("the server refused the relay WebSocket's signature: the auth token does not match the server's")
                    : failure("the relay WebSocket could not be opened (" + (call.handshakeStatus().orElse(-1) < 0 ? "no answer"
                    : "HTTP " + call.handshakeStatus().getAsInt()) + ") at " + call.twiml().get().conversationRelay().get().url());
            case SERVER_CLOSED_SOCKET -> failure("the server closed the relay socket without ending the session" + callId(call));
            case WEBHOOK_FAILED -> failure("the voice webhook failed" + callId(call));
            case AGENT_ENDED, CALLER_HUNG_UP -> ended(call);
        };
    }

    private static Verdict ended(CallResult call) {
        var silent = call.turns().stream().anyMatch(t -> t.ending() == AgentTurn.Ending.TIMED_OUT);
        var outcome = new StringBuilder();
        if (call.outcome() == CallResult.Outcome.AGENT_ENDED) {
            var transfer = call.transferredTo();
            outcome.append(transfer.isEmpty() ? "the agent ended the call" : "transferred to " + String.join(", ", transfer));
            call.handoffData().ifPresent(data -> outcome.append(" (handoff: ").append(data).append(')'));
        } else {
            outcome.append("the caller hung up");
        }
        call.relayAction().filter(a -> !a.ok()).ifPresent(a -> outcome.append("; the relay-action request answered HTTP ").append(a.status()));
        call.statusCallbacks().stream().filter(s -> !s.ok()).findFirst()
                .ifPresent(s -> outcome.append("; a status callback answered HTTP ").append(s.status()));
        outcome.append(callId(call));
        if (silent) return failure("the agent did not finish a turn in time; " + outcome);
        return new Verdict(0, outcome.toString());
    }

    private static String spoken(CallResult call) {
        var says = call.twiml().map(t -> String.join(" ", t.says())).filter(s -> !s.isBlank());
        return says.map(s -> " (it said: \"" + s + "\")").orElse("");
    }

    private static String callId(CallResult call) {
        return "\ncall: " + call.callSid();
    }

    private static String body(String body) {
        return Optional.ofNullable(body).filter(b -> !b.isBlank())
                .map(b -> ": " + (b.length() > 300 ? b.substring(0, 300) + "…" : b)).orElse("");
    }

    private static Verdict failure(String message) {
        return new Verdict(1, message);
    }
}
