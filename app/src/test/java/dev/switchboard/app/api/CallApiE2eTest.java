package dev.switchboard.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.domain.assistant.Runtime;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallDirection;
import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallMessage;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.call.CallStatus;
import dev.switchboard.domain.shared.Money;
import dev.switchboard.domain.shared.TenantId;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Calls as the API shows them: filtered lists with paging, one call's record, statistics. */
@MicronautTest
class CallApiE2eTest {
    private static final Instant MORNING = Instant.parse("2026-03-02T08:00:00Z");

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    CallRepository calls;

    private Api owner;
    private Call completed;
    private Call busy;
    private Call outbound;

    @BeforeEach
    void three_calls() {
        owner = new Api(server, json).newTenant("Salon");
        var tenant = TenantId.parse((String) owner.get("/api/v1/tenant").json().get("id"));
        completed = Call.started(tenant, CallDirection.INBOUND, "+33612345678", "+33142000001", Runtime.RELAY, null, null,
                        "CA0001", CallStatus.RINGING, MORNING)
                .advance(CallStatus.IN_PROGRESS, MORNING.plusSeconds(2)).call()
                .advance(CallStatus.COMPLETED, MORNING.plusSeconds(92)).call()
                .withEnding("caller hung up", Money.usd("0.0210"), null).withSummary("Booked a haircut for Tuesday 10:00.");
        busy = Call.started(tenant, CallDirection.INBOUND, "+33699999999", "+33142000001", Runtime.VAPI, null, null,
                "vapi-call-1", CallStatus.RINGING, MORNING.plusSeconds(600)).advance(CallStatus.BUSY, MORNING.plusSeconds(605)).call();
        outbound = Call.started(tenant, CallDirection.OUTBOUND, "+33142000001", "+33677777777", Runtime.STREAM, null, null,
                "CA0003", CallStatus.QUEUED, MORNING.plusSeconds(1200));
        calls.add(completed);
        calls.add(busy);
        calls.add(outbound);
        calls.appendEvent(CallEvent.of(completed, MORNING, "webhook.received", Map.of("from", "+33612345678")));
        calls.appendEvent(CallEvent.of(completed, MORNING.plusMillis(40), "twiml.returned", Map.of("runtime", "relay")));
        calls.saveMessage(CallMessage.of(completed, CallMessage.Speaker.AGENT, "Bonjour, salon Lumière !", MORNING.plusSeconds(3)));
        calls.saveMessage(CallMessage.of(completed, CallMessage.Speaker.CALLER, "Je voudrais un rendez-vous.", MORNING.plusSeconds(6)));
    }

    @Test
    void lists_newest_first_with_filters_and_paging() {
        var all = owner.get("/api/v1/calls");
        assertThat(all.json()).containsEntry("total", 3).containsEntry("offset", 0).containsEntry("limit", 50);
        assertThat(ids(all)).containsExactly(outbound.id().toString(), busy.id().toString(), completed.id().toString());

        assertThat(ids(owner.get("/api/v1/calls?status=completed"))).containsExactly(completed.id().toString());
        assertThat(ids(owner.get("/api/v1/calls?direction=outbound"))).containsExactly(outbound.id().toString());
        assertThat(ids(owner.get("/api/v1/calls?from=2026-03-02T08:05:00Z&to=2026-03-02T08:15:00Z"))).containsExactly(busy.id().toString());
        var page = owner.get("/api/v1/calls?offset=1&limit=1");
        assertThat(ids(page)).containsExactly(busy.id().toString());
        assertThat(page.json()).containsEntry("total", 3);
    }

    @Test
    void bad_filters_are_named() {
        assertThat(AssistantApiE2eTest.fields(owner.get("/api/v1/calls?status=exploded&direction=sideways&from=yesterday&limit=0")))
                .containsExactlyInAnyOrder("status", "direction", "from", "limit");
    }

    @Test
    void one_call_comes_with_its_transcript_and_timeline() {
        var detail = owner.get("/api/v1/calls/" + completed.id()).json();
        @SuppressWarnings("unchecked")
        var call = (Map<String, Object>) detail.get("call");
        assertThat(call).containsEntry("status", "completed").containsEntry("direction", "inbound")
                .containsEntry("runtime", "relay").containsEntry("durationSeconds", 90).containsEntry("costCurrency", "USD")
                .containsEntry("endedReason", "caller hung up").containsEntry("summary", "Booked a haircut for Tuesday 10:00.");
        assertThat(detail.get("transcript")).isEqualTo(List.of(
                Map.of("speaker", "agent", "text", "Bonjour, salon Lumière !", "at", "2026-03-02T08:00:03Z", "interrupted", false),
                Map.of("speaker", "caller", "text", "Je voudrais un rendez-vous.", "at", "2026-03-02T08:00:06Z", "interrupted", false)));
        assertThat(detail.get("timeline")).isEqualTo(List.of(
                Map.of("at", "2026-03-02T08:00:00Z", "type", "webhook.received", "data", Map.of("from", "+33612345678")),
                Map.of("at", "2026-03-02T08:00:00.040Z", "type", "twiml.returned", "data", Map.of("runtime", "relay"))));
    }

    @Test
    void stats_count_by_status_and_direction_per_day() {
        var stats = owner.get("/api/v1/calls/stats?from=2026-03-01T00:00:00Z&to=2026-03-03T00:00:00Z").json();
        assertThat(stats).containsEntry("total", 3)
                .containsEntry("byStatus", Map.of("completed", 1, "busy", 1, "queued", 1))
                .containsEntry("byDirection", Map.of("inbound", 2, "outbound", 1))
                .containsEntry("totalDurationSeconds", 90)
                .containsEntry("perDay", List.of(Map.of("date", "2026-03-02", "calls", 3, "durationSeconds", 90)));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> ids(Api.Answer answer) {
        return ((List<Map<String, Object>>) answer.json().get("items")).stream().map(c -> c.get("id")).toList();
    }
}
