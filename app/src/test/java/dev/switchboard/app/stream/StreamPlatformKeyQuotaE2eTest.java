package dev.switchboard.app.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.Api;
import dev.switchboard.domain.conversation.PlatformKeyUsage;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.testkit.caller.CallerAudio;
import dev.switchboard.testkit.realtime.FakeGeminiLive;
import dev.switchboard.testkit.realtime.FakeOpenAiRealtime;
import dev.switchboard.testkit.realtime.GeminiScript;
import dev.switchboard.testkit.realtime.RealtimeScript;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Per-tenant daily quota on the platform's keys for stream calls (issue 9 §3), through whole
 * Media Streams calls against the fake OpenAI Realtime and Gemini Live servers: with one
 * platform-paid call a day, a tenant's first stream call is counted with the output tokens its
 * provider reported (or our estimate when it reports none, said so on the timeline), and its second
 * is answered by the offline speech model with a {@code model.note}; the provider never sees it.
 * A tenant with its own key is neither counted nor limited.
 */
@MicronautTest
class StreamPlatformKeyQuotaE2eTest extends StreamCallStage {
    private static final String OPENAI_PLATFORM_KEY = "sk-platform-" + UUID.randomUUID();
    private static final String GEMINI_PLATFORM_KEY = "gemini-platform-" + UUID.randomUUID();
    private static final String QUOTA_REACHED = "platform LLM quota for today reached: answering with the offline model";
    private final FakeOpenAiRealtime realtime = fake(FakeOpenAiRealtime.start());
    private final FakeGeminiLive geminiLive = fake(FakeGeminiLive.start());

    @Inject
    PlatformKeyUsage usage;
    @Inject
    Clock clock;

    @Override
    Map<String, String> settings() {
        return Map.of("switchboard.openai.realtime-url", realtime.url(),
                "switchboard.gemini.live-url", geminiLive.url(),
                "switchboard.llm.openai.api-key", OPENAI_PLATFORM_KEY,
                "switchboard.gemini.api-key", GEMINI_PLATFORM_KEY,
                "switchboard.platform-key.daily-calls", "1",
                "switchboard.platform-key.daily-tokens", "100000");
    }

    @Test
    void an_openai_call_on_the_platform_key_counts_the_reported_tokens_and_the_next_call_gets_the_offline_model() throws Exception {
        var salon = new StreamFixture(server, new Api(server, json), true, "openai", twilio, false);
        realtime.script(OPENAI_PLATFORM_KEY, RealtimeScript.builder()
                .say("Hello, Lumière salon, how can I help?", Duration.ofMillis(400)).pause(Duration.ofSeconds(5)).build());
        int sessionsBefore = realtime.sessions(OPENAI_PLATFORM_KEY).size();
        var tenant = tenantId(salon.owner);

        var first = StreamFixture.callAtTwilio(twilio, salon.number);
        try (var call = salon.caller().dialStream(CallerAudio.speechLike(), first)) {
            await().atMost(WAIT).until(() -> realtime.sessions(OPENAI_PLATFORM_KEY).size() > sessionsBefore);
            var session = realtime.sessions(OPENAI_PLATFORM_KEY).get(sessionsBefore);
            await().atMost(WAIT).until(() -> session.outputTokensReported() > 0
                    && usage.day(tenant, today()).outputTokens() == session.outputTokensReported());
            call.hangUp();
        }
        long reported = realtime.sessions(OPENAI_PLATFORM_KEY).get(sessionsBefore).outputTokensReported();
        await().atMost(WAIT).until(() -> eventTypes(salon, first).contains("model.usage"));
        assertThat(usage.day(tenant, today())).isEqualTo(new PlatformKeyUsage.Day(1, reported));
        assertThat(events(salon, first, "model.usage")).containsExactly(Map.of("paidBy", "platform", "outputTokens", (int) reported,
                "estimated", false));
        assertThat(events(salon, first, "model.note")).isEmpty();

        var second = StreamFixture.callAtTwilio(twilio, salon.number);
        try (var call = salon.caller().dialStream(CallerAudio.silence(), second)) {
            call.awaitAgentAudio(500, WAIT); // the offline speech model's greeting: the caller is answered, not refused
            call.hangUp();
        }
        assertThat(realtime.sessions(OPENAI_PLATFORM_KEY)).hasSize(sessionsBefore + 1);
        assertThat(events(salon, second, "model.note")).containsExactly(Map.of("kind", "platform_quota", "message", QUOTA_REACHED));
        assertThat(events(salon, second, "model.connecting")).singleElement().satisfies(d -> assertThat(d).containsEntry("provider", "offline"));
        assertThat(usage.day(tenant, today())).isEqualTo(new PlatformKeyUsage.Day(1, reported));
    }

    @Test
    void without_usage_from_openai_the_tokens_are_estimated_and_the_timeline_says_so() throws Exception {
        var salon = new StreamFixture(server, new Api(server, json), true, "openai", twilio, false);
        var words = "Hello, Lumière salon, how can I help?";
        realtime.script(OPENAI_PLATFORM_KEY, RealtimeScript.builder().withoutUsage()
                .say(words, Duration.ofMillis(400)).pause(Duration.ofSeconds(5)).build());
        var tenant = tenantId(salon.owner);
        long estimate = 400 * 20 / 1000 + (words.length() + 3) / 4; // 20 tokens a second of audio, a token per 4 characters
        var callSid = StreamFixture.callAtTwilio(twilio, salon.number);
        try (var call = salon.caller().dialStream(CallerAudio.speechLike(), callSid)) {
            await().atMost(WAIT).until(() -> usage.day(tenant, today()).outputTokens() == estimate);
            call.hangUp();
        }
        await().atMost(WAIT).until(() -> eventTypes(salon, callSid).contains("model.usage"));
        assertThat(events(salon, callSid, "model.usage")).containsExactly(Map.of("paidBy", "platform", "outputTokens", (int) estimate,
                "estimated", true));
        assertThat(usage.day(tenant, today())).isEqualTo(new PlatformKeyUsage.Day(1, estimate));
    }

    @Test
    void a_gemini_call_on_the_platform_key_counts_its_usage_metadata_and_the_next_call_gets_the_offline_model() throws Exception {
        var salon = new StreamFixture(server, new Api(server, json), true, "google", twilio, false);
        geminiLive.script(GEMINI_PLATFORM_KEY, GeminiScript.builder()
                .say("Hello, Lumière salon, how can I help?", Duration.ofMillis(400)).pause(Duration.ofSeconds(5)).build());
        int sessionsBefore = geminiLive.sessions(GEMINI_PLATFORM_KEY).size();
        var tenant = tenantId(salon.owner);

        var first = StreamFixture.callAtTwilio(twilio, salon.number);
        try (var call = salon.caller().dialStream(CallerAudio.speechLike(), first)) {
            await().atMost(WAIT).until(() -> geminiLive.sessions(GEMINI_PLATFORM_KEY).size() > sessionsBefore);
            var session = geminiLive.sessions(GEMINI_PLATFORM_KEY).get(sessionsBefore);
            await().atMost(WAIT).until(() -> session.outputTokensReported() > 0
                    && usage.day(tenant, today()).outputTokens() == session.outputTokensReported());
            call.hangUp();
        }
        long reported = geminiLive.sessions(GEMINI_PLATFORM_KEY).get(sessionsBefore).outputTokensReported();
        assertThat(reported).isEqualTo(10); // the fake's 25 tokens a second, for 400 ms
        await().atMost(WAIT).until(() -> eventTypes(salon, first).contains("model.usage"));
        assertThat(usage.day(tenant, today())).isEqualTo(new PlatformKeyUsage.Day(1, reported));
        assertThat(events(salon, first, "model.usage")).containsExactly(Map.of("paidBy", "platform", "outputTokens", (int) reported,
                "estimated", false));

        var second = StreamFixture.callAtTwilio(twilio, salon.number);
        try (var call = salon.caller().dialStream(CallerAudio.silence(), second)) {
            call.awaitAgentAudio(500, WAIT);
            call.hangUp();
        }
        assertThat(geminiLive.sessions(GEMINI_PLATFORM_KEY)).hasSize(sessionsBefore + 1);
        assertThat(events(salon, second, "model.note")).containsExactly(Map.of("kind", "platform_quota", "message", QUOTA_REACHED));
        assertThat(usage.day(tenant, today())).isEqualTo(new PlatformKeyUsage.Day(1, reported));
    }

    @Test
    void a_tenant_with_its_own_key_is_neither_counted_nor_limited() throws Exception {
        var salon = new StreamFixture(server, new Api(server, json), true, "openai", twilio, true);
        realtime.script(salon.openAiKey, RealtimeScript.builder()
                .say("Hello, Lumière salon.", Duration.ofMillis(300)).pause(Duration.ofSeconds(5)).build());
        var tenant = tenantId(salon.owner);
        for (int i = 0; i < 2; i++) {
            int before = realtime.sessions(salon.openAiKey).size();
            var callSid = StreamFixture.callAtTwilio(twilio, salon.number);
            try (var call = salon.caller().dialStream(CallerAudio.speechLike(), callSid)) {
                await().atMost(WAIT).until(() -> realtime.sessions(salon.openAiKey).size() > before
                        && realtime.sessions(salon.openAiKey).get(before).outputTokensReported() > 0);
                call.awaitAgentAudio(300, WAIT);
                call.hangUp();
            }
            await().atMost(WAIT).until(() -> eventTypes(salon, callSid).contains("stream.stopped"));
            assertThat(eventTypes(salon, callSid)).doesNotContain("model.note", "model.usage");
        }
        assertThat(realtime.sessions(salon.openAiKey)).hasSize(2);
        assertThat(usage.day(tenant, today())).isEqualTo(new PlatformKeyUsage.Day(0, 0));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(StreamFixture salon, String callSid) {
        var items = (List<Map<String, Object>>) salon.owner.get("/api/v1/calls").json().get("items");
        var id = items.stream().filter(c -> callSid.equals(c.get("providerCallId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no call " + callSid + " in " + items)).get("id");
        return salon.owner.get("/api/v1/calls/" + id).json();
    }

    private static List<String> eventTypes(StreamFixture salon, String callSid) {
        return StreamFixture.eventTypes(detail(salon, callSid));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> events(StreamFixture salon, String callSid, String type) {
        return ((List<Map<String, Object>>) detail(salon, callSid).get("timeline")).stream().filter(e -> type.equals(e.get("type")))
                .map(e -> (Map<String, Object>) e.get("data")).toList();
    }

    private static TenantId tenantId(Api owner) {
        return new TenantId(UUID.fromString((String) owner.get("/api/v1/tenant").json().get("id")));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
