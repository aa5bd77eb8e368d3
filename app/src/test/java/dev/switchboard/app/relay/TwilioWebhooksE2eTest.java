package dev.switchboard.app.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.caller.TwimlDocument;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The relay action's branches no whole call reaches (a transfer without a number, a session that
 * failed), and the voice, status and relay-action webhooks fed random and mutated forms and broken
 * bodies: never a 5xx, always the answer Twilio can use.
 */
@MicronautTest
class TwilioWebhooksE2eTest extends OfflineSalonStage {
    private static final String ACTION = "/webhooks/twilio/relay-action";

    private Map<String, String> actionFor(String sid, String callStatus) {
        var caller = salon.caller();
        caller.postVoiceWebhook(caller.voiceParameters(sid));
        var action = new HashMap<>(caller.callParameters(sid, callStatus));
        action.put("SessionId", "VX" + "0".repeat(32));
        action.put("SessionStatus", "ended");
        return action;
    }

    @Test
    void a_transfer_without_a_number_apologises_and_hangs_up() {
        var action = actionFor("CA" + "1".repeat(32), "in-progress");
        action.put("HandoffData", "{\"action\":\"transfer\",\"reason\":\"wants a human\"}");
        var answer = salon.caller().postSigned(ACTION, action);

        assertThat(answer.status()).isEqualTo(200);
        var twiml = TwimlDocument.parse(answer.body());
        assertThat(twiml.says()).containsExactly("Désolé, personne n'est disponible pour le moment. Nous vous rappellerons. Au revoir.");
        assertThat(twiml.hangsUp()).isTrue();
        assertThat(twiml.dial()).isEmpty();
        assertThat(RelayFixture.eventTypes(salon.onlyCall())).contains("relay.ended", "transfer.impossible");
    }

    @Test
    void a_session_that_failed_with_the_caller_still_there_gets_the_technical_problem_goodbye() {
        var action = actionFor("CA" + "2".repeat(32), "in-progress");
        action.put("SessionStatus", "failed");
        action.put("ErrorCode", "64105");
        action.put("ErrorMessage", "WebSocket ended");
        var answer = salon.caller().postSigned(ACTION, action);

        var twiml = TwimlDocument.parse(answer.body());
        assertThat(twiml.says()).containsExactly("Désolé, nous rencontrons un problème technique. Merci de rappeler dans un instant. Au revoir.");
        assertThat(twiml.hangsUp()).isTrue();
        @SuppressWarnings("unchecked")
        var ended = ((List<Map<String, Object>>) salon.onlyCall().get("timeline")).stream().filter(e -> "relay.ended".equals(e.get("type")))
                .map(e -> e.get("data")).toList();
        assertThat(ended).containsExactly(Map.of("sessionStatus", "failed", "callStatus", "in-progress", "errorCode", "64105"));
    }

    @Test
    void random_and_mutated_forms_never_get_a_5xx_and_always_an_answer_twilio_can_use() throws Exception {
        var random = new Random(20261203L);
        var caller = salon.caller();
        var statuses = new ArrayList<String>();
        for (int i = 0; i < 60; i++) {
            var sid = "CA" + String.format("%032x", i);
            var form = mutate(new LinkedHashMap<>(caller.voiceParameters(sid)), random);
            for (var path : List.of("/webhooks/twilio/voice", "/webhooks/twilio/status", ACTION)) {
                var answer = caller.postSigned(path, form);
                statuses.add(path + " " + answer.status());
                if (!path.endsWith("status") && answer.status() == 200) TwimlDocument.parse(answer.body());
            }
        }
        assertThat(statuses).allSatisfy(line -> assertThat(line).matches(".*/voice 200|.*/status 204|.*/relay-action 200"));

        // Bodies no form parser likes, unsigned: refused or rejected, never a 5xx.
        var http = HttpClient.newHttpClient();
        var bodies = List.of("CallSid=%ZZ&To=%", "{\"CallSid\":\"CA1\"}", "a=" + "x".repeat(900_000), "\u0000\u0001\u0002", "&&&===&");
        for (var path : List.of("/webhooks/twilio/voice", "/webhooks/twilio/status", ACTION))
            for (var body : bodies)
                for (var type : List.of("application/x-www-form-urlencoded", "application/json", "text/plain")) {
                    var response = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).header("Content-Type", type)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(path + " " + type + " " + body.substring(0, Math.min(20, body.length())))
                            .isBetween(400, 499);
                }
    }

    /** Twilio's form bent out of shape: values garbled or huge, numbers and statuses wrong, keys added or missing. */
    private static Map<String, String> mutate(Map<String, String> form, Random random) {
        var keys = new ArrayList<>(form.keySet());
        switch (random.nextInt(8)) {
            case 0 -> form.remove(keys.get(random.nextInt(keys.size())));
            case 1 -> form.put(keys.get(random.nextInt(keys.size())), "");
            case 2 -> form.put("To", random.nextBoolean() ? "+" + random.nextLong() : "client:alice");
            case 3 -> form.put("CallStatus", Long.toHexString(random.nextLong()));
            case 4 -> form.put("Direction", "sideways");
            case 5 -> form.put("HandoffData", random.nextBoolean() ? "{\"action\":\"transfer\",\"transferNumber\":\"0000\"}" : "{not json");
            case 6 -> form.put("CallDuration", random.nextBoolean() ? "-5" : "9".repeat(40));
            default -> form.put("X" + random.nextInt(1000), "é".repeat(random.nextInt(5_000)));
        }
        return form;
    }
}
