package dev.switchboard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.caller.AgentTurn;
import dev.switchboard.testkit.caller.CallResult;
import dev.switchboard.testkit.caller.TwimlDocument;
import dev.switchboard.testkit.caller.WebhookExchange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class VerdictTest {
    private static final String SID = "CA0123456789abcdef0123456789abcdef";

    private static WebhookExchange answer(int status, String body) {
        return new WebhookExchange("https://x/webhooks/twilio/voice", "http://localhost:8080/webhooks/twilio/voice",
                Map.of("To", "+15005550006"), Optional.of("sig"), "token", status, "text/xml", body, Optional.empty());
    }

    private static CallResult result(WebhookExchange voice, CallResult.Outcome outcome, Optional<String> actionBody, List<AgentTurn> turns) {
        var twiml = voice.ok() ? Optional.of(TwimlDocument.parse(voice.body())) : Optional.<TwimlDocument>empty();
        return new CallResult(SID, "VX0", voice, twiml, OptionalInt.empty(), List.of(), turns, Optional.empty(),
                actionBody.map(b -> "{\"reason\":\"human\"}"), actionBody.map(b -> answer(200, b)),
                actionBody.map(TwimlDocument::parse), List.of(), outcome);
    }

    @Test
    void a_refused_signature_blames_the_token() {
        var verdict = Verdict.of(result(answer(403, ""), CallResult.Outcome.WEBHOOK_FAILED, Optional.empty(), List.of()), "http://localhost:8080");

        assertThat(verdict.exitCode()).isEqualTo(1);
        assertThat(verdict.message()).contains("the auth token does not match the server's");
    }

    @Test
    void an_unknown_number_repeats_what_the_server_said() {
        var verdict = Verdict.of(result(answer(200, "<Response><Say>This number is not in service.</Say><Hangup/></Response>"),
                CallResult.Outcome.NO_RELAY, Optional.empty(), List.of()), "http://localhost:8080");

        assertThat(verdict).isEqualTo(new Verdict(1, "the server did not connect an agent to +15005550006 (it said: \"This number"
                + " is not in service.\"). Is that number imported and assigned to an assistant using the relay runtime?"));
    }

    @Test
    void a_transfer_names_the_number_the_handoff_and_the_call() {
        var turn = new AgentTurn("transfer me", List.of("One moment."), Optional.of(Duration.ofMillis(5)), AgentTurn.Ending.LAST_TOKEN, Optional.empty());
        var verdict = Verdict.of(result(answer(200, "<Response><Connect><ConversationRelay url=\"wss://x/r\"/></Connect></Response>"),
                CallResult.Outcome.AGENT_ENDED, Optional.of("<Response><Dial><Number>+14155550123</Number></Dial></Response>"),
                List.of(turn)), "http://localhost:8080");

        assertThat(verdict).isEqualTo(new Verdict(0, "transferred to +14155550123 (handoff: {\"reason\":\"human\"})\ncall: " + SID));
    }

    @Test
    void an_agent_that_never_finishes_its_turn_fails_the_run() {
        var turn = new AgentTurn("hello", List.of(), Optional.empty(), AgentTurn.Ending.TIMED_OUT, Optional.empty());
        var verdict = Verdict.of(result(answer(200, "<Response><Connect><ConversationRelay url=\"wss://x/r\"/></Connect></Response>"),
                CallResult.Outcome.CALLER_HUNG_UP, Optional.empty(), List.of(turn)), "http://localhost:8080");

        assertThat(verdict).isEqualTo(new Verdict(1, "the agent did not finish a turn in time; the caller hung up\ncall: " + SID));
    }
}
