package dev.switchboard.app.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.caller.TwimlDocument;
import dev.switchboard.testkit.caller.VirtualCaller;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Only Twilio gets in: forged signatures are refused before anything is stored. */
@MicronautTest
class TwilioWebhookSecurityE2eTest extends OfflineSalonStage {
    private VirtualCaller forger() {
        return VirtualCaller.builder(server.getURL().toString()).publicUrl(RelayFixture.PUBLIC_URL).authToken("not-the-real-token")
                .from("+33612345678").to(salon.number).build();
    }

    @Test
    void a_forged_or_missing_signature_on_the_voice_webhook_is_403_and_stores_nothing() {
        var forged = forger().postVoiceWebhook(forger().voiceParameters("CA" + "1".repeat(32)));
        var caller = salon.caller();
        var unsigned = caller.postWithSignature("/webhooks/twilio/voice", caller.voiceParameters("CA" + "2".repeat(32)), Optional.empty());
        var signedForAnotherUrl = caller.postWithSignature("/webhooks/twilio/voice", caller.voiceParameters("CA" + "3".repeat(32)),
                Optional.of(caller.signatureFor("https://elsewhere.test/webhooks/twilio/voice", caller.voiceParameters("CA" + "3".repeat(32)))));
        assertThat(List.of(forged.status(), unsigned.status(), signedForAnotherUrl.status())).containsExactly(403, 403, 403);
        assertThat(salon.owner.get("/api/v1/calls").json()).containsEntry("total", 0);
    }

    @Test
    void a_forged_socket_handshake_is_refused_before_the_upgrade() {
        var caller = salon.caller();
        var answer = caller.postVoiceWebhook(caller.voiceParameters("CA" + "4".repeat(32)));
        var socketUrl = TwimlDocument.parse(answer.body()).conversationRelay().orElseThrow().url();
        assertThat(caller.relayHandshakeStatus(socketUrl, "Zm9yZ2VkIHNpZ25hdHVyZQ==")).isEqualTo(403);
        assertThat(caller.relayHandshakeStatus(socketUrl, null)).isEqualTo(403);
        var tampered = socketUrl.replaceFirst("call=[^&]+", "call=00000000-0000-0000-0000-000000000000");
        assertThat(caller.relayHandshakeStatus(tampered, caller.signatureFor(socketUrl, Map.of()))).isEqualTo(403);
        assertThat(RelayFixture.eventTypes(salon.onlyCall())).doesNotContain("socket.connected");
    }

    @Test
    void a_forged_status_callback_is_403_and_changes_nothing() {
        var caller = salon.caller();
        var sid = "CA" + "5".repeat(32);
        caller.postVoiceWebhook(caller.voiceParameters(sid));
        var before = salon.onlyCall();
        var completed = new java.util.HashMap<>(caller.callParameters(sid, "completed"));
        completed.put("CallDuration", "42");
        assertThat(forger().postSigned("/webhooks/twilio/status", completed).status()).isEqualTo(403);
        assertThat(salon.onlyCall()).isEqualTo(before);
        assertThat(caller.postSigned("/webhooks/twilio/status", completed).status()).isEqualTo(204);
        assertThat(RelayFixture.call(salon.onlyCall())).containsEntry("status", "completed").containsEntry("durationSeconds", 42);
    }

    @Test
    void the_same_voice_webhook_delivered_many_times_at_once_makes_one_call_and_no_error() throws Exception {
        var caller = salon.caller();
        var params = caller.voiceParameters("CA" + "8".repeat(32));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        var answers = new java.util.ArrayList<java.util.concurrent.Future<dev.switchboard.testkit.caller.WebhookExchange>>();
        for (int i = 0; i < 8; i++) answers.add(pool.submit(() -> caller.postVoiceWebhook(params)));
        var statuses = new java.util.ArrayList<Integer>();
        for (var answer : answers) statuses.add(answer.get().status());
        pool.shutdown();
        assertThat(statuses).containsOnly(200);
        assertThat(salon.owner.get("/api/v1/calls").json()).containsEntry("total", 1);
    }

    @Test
    void a_tenant_with_its_own_twilio_account_still_takes_calls_signed_by_the_platform_account() {
        salon.owner.put("/api/v1/connections/twilio", Map.of("accountSid", "AC" + "9".repeat(32), "authToken", "tenant-own-token"));
        var platformSigned = salon.caller().postVoiceWebhook(salon.caller().voiceParameters("CA" + "9".repeat(32)));
        var tenantSigned = VirtualCaller.builder(server.getURL().toString()).publicUrl(RelayFixture.PUBLIC_URL).authToken("tenant-own-token")
                .from("+33612345678").to(salon.number).build();
        assertThat(List.of(platformSigned.status(), tenantSigned.postVoiceWebhook(tenantSigned.voiceParameters("CA" + "a".repeat(32))).status()))
                .containsExactly(200, 200);
        assertThat(forger().postVoiceWebhook(forger().voiceParameters("CA" + "b".repeat(32))).status()).isEqualTo(403);
    }

    @Test
    void an_unknown_number_gets_a_polite_goodbye_not_an_error() {
        var caller = VirtualCaller.builder(server.getURL().toString()).publicUrl(RelayFixture.PUBLIC_URL).authToken(RelayFixture.AUTH_TOKEN)
                .from("+33612345678").to("+15550000000").build();
        var answer = caller.postVoiceWebhook(caller.voiceParameters("CA" + "6".repeat(32)));
        assertThat(answer.status()).isEqualTo(200);
        var twiml = TwimlDocument.parse(answer.body());
        assertThat(twiml.says()).containsExactly("Sorry, this number is not in service. Goodbye.");
        assertThat(twiml.hangsUp()).isTrue();
    }

    @Test
    void a_tenants_number_not_registered_yet_gets_the_goodbye_checked_with_that_accounts_token() {
        var accountSid = "AC" + "c".repeat(32);
        salon.owner.put("/api/v1/connections/twilio", Map.of("accountSid", accountSid, "authToken", "tenant-own-token"));
        var unregistered = VirtualCaller.builder(server.getURL().toString()).publicUrl(RelayFixture.PUBLIC_URL).authToken("tenant-own-token")
                .accountSid(accountSid).from("+33612345678").to("+15550000001").build();
        var answer = unregistered.postVoiceWebhook(unregistered.voiceParameters("CA" + "c".repeat(32)));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(TwimlDocument.parse(answer.body()).says()).containsExactly("Sorry, this number is not in service. Goodbye.");
        var anotherAccount = VirtualCaller.builder(server.getURL().toString()).publicUrl(RelayFixture.PUBLIC_URL).authToken("tenant-own-token")
                .accountSid("AC" + "d".repeat(32)).from("+33612345678").to("+15550000001").build();
        assertThat(anotherAccount.postVoiceWebhook(anotherAccount.voiceParameters("CA" + "d".repeat(32))).status()).isEqualTo(403);
    }

    @Test
    void a_number_without_assistant_gets_a_goodbye_and_the_call_is_recorded() {
        var number = dev.switchboard.domain.Fixtures.randomE164();
        salon.owner.post("/api/v1/phone-numbers", Map.of("number", number));
        var caller = VirtualCaller.builder(server.getURL().toString()).publicUrl(RelayFixture.PUBLIC_URL).authToken(RelayFixture.AUTH_TOKEN)
                .from("+33612345678").to(number).build();
        var twiml = TwimlDocument.parse(caller.postVoiceWebhook(caller.voiceParameters("CA" + "7".repeat(32))).body());
        assertThat(twiml.hangsUp()).isTrue();
        var page = salon.owner.get("/api/v1/calls?status=ringing").json();
        assertThat(page).containsEntry("total", 1);
    }
}
