package dev.switchboard.app.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.Api;
import dev.switchboard.domain.Fixtures;
import dev.switchboard.testkit.caller.CallResult;
import dev.switchboard.testkit.caller.CallScript;
import dev.switchboard.testkit.caller.RelayHandshakeRejected;
import dev.switchboard.testkit.caller.StatusDelivery;
import dev.switchboard.testkit.caller.TwimlDocument;
import dev.switchboard.testkit.caller.VirtualCaller;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two instances of the server on two ports, one PostgreSQL, and a round-robin balancer with no
 * sticky sessions in front (the virtual caller sends each request to the next instance): the
 * voice webhook, the relay socket, the relay action and the status callbacks of one call land on
 * different instances, and the records are exactly those one instance leaves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesE2eTest {
    private static final String PUBLIC_URL = "https://switchboard.test";
    private static final String TOKEN = "two-instances-auth-token";
    private static final List<String> TOOLS = List.of("check_availability", "book_appointment", "end_call");
    private EmbeddedServer first;
    private EmbeddedServer second;

    @BeforeAll
    void start_two_instances_on_one_database() {
        var common = Map.<String, Object>of("switchboard.public-url", PUBLIC_URL, "switchboard.twilio.auth-token", TOKEN,
                "micronaut.server.port", -1);
        first = ApplicationContext.run(EmbeddedServer.class, common, "test");
        var database = first.getApplicationContext().getBean(DatasourceConfiguration.class, Qualifiers.byName("default"));
        var secondProperties = new HashMap<String, Object>(common);
        secondProperties.put("switchboard.embedded-postgres.enabled", false);
        secondProperties.put("datasources.default.url", database.getJdbcUrl());
        secondProperties.put("datasources.default.username", database.getUsername());
        secondProperties.put("datasources.default.password", database.getPassword());
        second = ApplicationContext.run(EmbeddedServer.class, secondProperties, "test");
    }

    @AfterAll
    void stop() {
        // The second first: the first owns the database and drops it when it stops.
        if (second != null) second.close();
        if (first != null) first.close();
    }

    private record Salon(Api owner, String number) {}

    private Salon salon() {
        var owner = new Api(first, first.getApplicationContext().getBean(JsonMapper.class)).newTenant("Salon");
        var assistant = owner.post("/api/v1/assistants", Map.of("name", "Reception", "systemPrompt", "You answer the phone.",
                "firstMessage", "Hello, Lumière salon.", "language", "en-US", "tools", TOOLS,
                "model", Map.of("provider", "offline", "model", "demo-brain"))).json();
        var number = Fixtures.randomE164();
        owner.post("/api/v1/phone-numbers", Map.of("number", number, "assistantId", assistant.get("id")));
        var days = List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
        var hours = new HashMap<String, Object>();
        days.forEach(d -> hours.put(d, List.of("09:00-19:00")));
        owner.put("/api/v1/availability", Map.of("openingHours", hours, "defaultDurationMinutes", 30, "slotMinutes", 30));
        return new Salon(owner, number);
    }

    private VirtualCaller.Builder caller(Salon salon) {
        return VirtualCaller.builder(first.getURL().toString()).publicUrl(PUBLIC_URL).authToken(TOKEN).from("+33612345678")
                .to(salon.number()).statusDelivery(StatusDelivery.REVERSED_AND_DUPLICATED).replyTimeout(Duration.ofSeconds(20));
    }

    private static CallScript booking() {
        return CallScript.builder().say("Hi, can I book a haircut tomorrow at 3 pm? My name is John Smith.")
                .say("That's all, goodbye").awaitEnd().build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> records(Api owner) {
        var items = (List<Map<String, Object>>) owner.get("/api/v1/calls").json().get("items");
        assertThat(items).hasSize(1);
        var detail = owner.get("/api/v1/calls/" + items.get(0).get("id")).json();
        var call = (Map<String, Object>) detail.get("call");
        var records = new HashMap<String, Object>();
        records.put("status", call.get("status"));
        records.put("summary", call.get("summary"));
        records.put("transcript", ((List<Map<String, Object>>) detail.get("transcript")).stream()
                .map(m -> m.get("speaker") + ": " + m.get("text")).toList());
        var timeline = ((List<Map<String, Object>>) detail.get("timeline")).stream().map(e -> (String) e.get("type")).toList();
        // Up to the agent's hangup the conversation is one ordered lane. After it, the socket's close and Twilio's
        // action callback are two independent requests, concurrent in the real world too (and on two instances
        // either may be written first): that tail is compared as a multiset, not as an order.
        assertThat(timeline).contains("hangup");
        var hangup = timeline.indexOf("hangup") + 1;
        records.put("timeline", timeline.subList(0, hangup));
        records.put("timeline after the hangup", timeline.subList(hangup, timeline.size()).stream().sorted().toList());
        records.put("appointments", owner.get("/api/v1/appointments").list().stream()
                .map(a -> a.get("clientName") + " " + a.get("start") + " " + a.get("status")).toList());
        return records;
    }

    /** The records once the call is over and every batched write has landed. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> settledRecords(Api owner) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var r = records(owner);
            assertThat(r.get("status")).isEqualTo("completed");
            assertThat(r.get("summary")).isNotNull();
            assertThat((List<Object>) r.get("timeline after the hangup")).contains("summary.written");
        });
        return records(owner);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_call_spread_over_two_instances_leaves_the_records_one_instance_leaves() {
        var alone = salon();
        var spread = salon();

        CallResult onOne = caller(alone).build().call(booking());
        CallResult onTwo = caller(spread).alsoServedBy(second.getURL().toString()).build().call(booking());

        assertThat(onTwo.outcome()).isEqualTo(onOne.outcome()).isEqualTo(CallResult.Outcome.AGENT_ENDED);
        assertThat(onTwo.agentLines()).isEqualTo(onOne.agentLines());
        assertThat(onTwo.httpStatuses()).allMatch(status -> status >= 200 && status < 300);
        var expected = settledRecords(alone.owner());
        assertThat(settledRecords(spread.owner())).isEqualTo(expected);
        assertThat((List<Object>) expected.get("appointments")).containsExactly("John Smith 15:00 booked");
    }

    @Test
    void a_socket_replayed_to_the_other_instance_is_refused_while_the_call_is_live() {
        var salon = salon();
        var balanced = caller(salon).alsoServedBy(second.getURL().toString()).build();
        var onFirst = caller(salon).build();
        var onSecond = VirtualCaller.builder(second.getURL().toString()).publicUrl(PUBLIC_URL).authToken(TOKEN).to(salon.number()).build();

        try (var call = balanced.dial()) {
            assertThat(call.isLive()).isTrue();
            var socketUrl = call.twiml().flatMap(TwimlDocument::conversationRelay).orElseThrow().url();

            // The voice webhook went to the first instance, the socket to the second; a replay is refused on both.
            assertThatThrownBy(() -> onFirst.openRelay(socketUrl)).isInstanceOfSatisfying(RelayHandshakeRejected.class,
                    e -> assertThat(e.status()).isEqualTo(403));
            assertThatThrownBy(() -> onSecond.openRelay(socketUrl)).isInstanceOfSatisfying(RelayHandshakeRejected.class,
                    e -> assertThat(e.status()).isEqualTo(403));
            assertThat(call.say("What are your opening hours?")).isPresent();
            assertThat(call.isLive()).isTrue();
        }
    }
}
