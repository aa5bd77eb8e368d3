package dev.switchboard.domain.call;

import static dev.switchboard.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.call.CallMessage.Speaker;
import dev.switchboard.domain.shared.Money;
import dev.switchboard.domain.shared.PageRequest;
import dev.switchboard.domain.tenant.Tenant;
import dev.switchboard.domain.tenant.TenantRepository;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link CallRepository} does: calls, timeline, transcript, lists and stats. */
public abstract class CallRepositoryContract {
    protected abstract TenantRepository tenants();

    protected abstract CallRepository calls();

    private Tenant tenant;

    @BeforeEach
    void a_tenant() {
        tenant = Fixtures.tenant("Salon");
        tenants().save(tenant);
    }

    @Test
    void adds_updates_and_finds_a_call() {
        var call = Fixtures.call(tenant.id(), T0);
        calls().add(call);
        assertThat(calls().findById(tenant.id(), call.id())).contains(call);
        assertThat(calls().findByProviderCallId(tenant.id(), call.providerCallId())).contains(call);

        var ended = ((StatusChange.Moved) call.advance(CallStatus.IN_PROGRESS, T0.plusSeconds(3))).call()
                .advance(CallStatus.COMPLETED, T0.plusSeconds(63)).call()
                .withEnding("caller hung up", Money.usd("0.0425"), "https://example.com/rec.wav")
                .withSummary("Booked a haircut.");
        calls().update(ended);
        assertThat(calls().findById(tenant.id(), call.id())).contains(ended);
    }

    @Test
    void replaces_only_while_the_status_is_the_expected_one() {
        var call = Fixtures.call(tenant.id(), T0);
        calls().add(call);
        var answered = call.advance(CallStatus.IN_PROGRESS, T0.plusSeconds(2)).call();
        var completed = answered.advance(CallStatus.COMPLETED, T0.plusSeconds(20)).call();
        assertThat(calls().replaceIfStatus(answered, CallStatus.RINGING)).isTrue();
        assertThat(calls().replaceIfStatus(call.advance(CallStatus.BUSY, T0.plusSeconds(3)).call(), CallStatus.RINGING)).isFalse();
        assertThat(calls().replaceIfStatus(completed, CallStatus.IN_PROGRESS)).isTrue();
        assertThat(calls().findById(tenant.id(), call.id())).contains(completed);

        var other = Fixtures.tenant("Other");
        tenants().save(other);
        var foreign = new Call(call.id(), other.id(), call.direction(), call.from(), call.to(), call.runtime(), null, null,
                call.providerCallId(), CallStatus.CANCELED, T0, null, null, null, null, null, null, null);
        assertThat(calls().replaceIfStatus(foreign, CallStatus.COMPLETED)).isFalse();
        assertThat(calls().findById(tenant.id(), call.id())).contains(completed);
    }

    @Test
    void another_tenant_does_not_find_it() {
        var other = Fixtures.tenant("Other");
        tenants().save(other);
        var call = Fixtures.call(tenant.id(), T0);
        calls().add(call);
        assertThat(calls().findById(other.id(), call.id())).isEmpty();
        assertThat(calls().findByProviderCallId(other.id(), call.providerCallId())).isEmpty();
        assertThat(calls().list(other.id(), CallQuery.all(), PageRequest.first(10)).items()).isEmpty();
        assertThat(calls().events(other.id(), call.id())).isEmpty();
    }

    @Test
    void timeline_keeps_order_and_json_data() {
        var call = Fixtures.call(tenant.id(), T0);
        calls().add(call);
        var first = CallEvent.of(call, T0, "webhook.received", Map.of("from", "+33612345678", "signatureValid", true));
        var second = CallEvent.of(call, T0, "tool.result", Map.of("tool", "book_appointment", "durationMs", 42,
                "result", Map.of("booked", true, "alternatives", List.of("10:00", "11:30"))));
        var third = CallEvent.of(call, T0.plusMillis(5), "status.changed", Map.of());
        calls().appendEvent(first);
        calls().appendEvent(second);
        calls().appendEvent(third);
        assertThat(calls().events(tenant.id(), call.id())).containsExactly(first, second, third);
    }

    @Test
    void transcript_keeps_order_and_truncation_replaces_a_turn() {
        var call = Fixtures.call(tenant.id(), T0);
        calls().add(call);
        var caller = CallMessage.of(call, Speaker.CALLER, "Je voudrais un rendez-vous.", T0.plusSeconds(1));
        var agent = CallMessage.of(call, Speaker.AGENT, "Bien sûr, pour quel jour souhaitez-vous venir ?", T0.plusSeconds(2));
        calls().saveMessage(caller);
        calls().saveMessage(agent);
        var heard = agent.truncatedTo("Bien sûr, pour quel");
        calls().saveMessage(heard);
        assertThat(calls().messages(tenant.id(), call.id())).containsExactly(caller, heard);
    }

    @Test
    void lists_newest_first_with_filters_paging_and_total() {
        var c1 = Fixtures.call(tenant.id(), T0);
        var c2 = Fixtures.call(tenant.id(), T0.plusSeconds(60)).advance(CallStatus.COMPLETED, T0.plusSeconds(90)).call();
        var c3 = Call.started(tenant.id(), CallDirection.OUTBOUND, "+33142000001", "+33699999999", dev.switchboard.domain.assistant.Runtime.STREAM,
                null, null, "CAout", CallStatus.QUEUED, T0.plusSeconds(120));
        calls().add(c1);
        calls().add(c2);
        calls().add(c3);

        var page = calls().list(tenant.id(), CallQuery.all(), new PageRequest(0, 2));
        assertThat(page.items()).containsExactly(c3, c2);
        assertThat(page.total()).isEqualTo(3);
        assertThat(calls().list(tenant.id(), CallQuery.all(), new PageRequest(2, 2)).items()).containsExactly(c1);

        assertThat(calls().list(tenant.id(), new CallQuery(CallStatus.COMPLETED, null, null, null, null), PageRequest.first(10)).items())
                .containsExactly(c2);
        assertThat(calls().list(tenant.id(), new CallQuery(null, CallDirection.OUTBOUND, null, null, null), PageRequest.first(10)).items())
                .containsExactly(c3);
        assertThat(calls().list(tenant.id(), new CallQuery(null, null, null, T0.plusSeconds(1), T0.plusSeconds(120)), PageRequest.first(10)).items())
                .containsExactly(c2);
    }

    @Test
    void keeps_the_latest_verdict_of_the_tenants_calls_for_the_list_to_show_and_filter() {
        var other = Fixtures.tenant("Other");
        tenants().save(other);
        var diagnosed = Fixtures.call(tenant.id(), T0);
        var live = Fixtures.call(tenant.id(), T0.plusSeconds(1));
        var foreign = Fixtures.call(other.id(), T0.plusSeconds(2));
        calls().add(diagnosed);
        calls().add(live);
        calls().add(foreign);

        calls().recordVerdict(tenant.id(), diagnosed.id(), "in_progress");
        calls().recordVerdict(tenant.id(), diagnosed.id(), "tool_failed");
        calls().recordVerdict(tenant.id(), foreign.id(), "healthy");
        calls().recordVerdict(other.id(), live.id(), "healthy");

        assertThat(calls().verdicts(tenant.id(), List.of(diagnosed.id(), live.id(), foreign.id(), CallId.random())))
                .isEqualTo(Map.of(diagnosed.id(), "tool_failed"));
        assertThat(calls().verdicts(other.id(), List.of(diagnosed.id(), foreign.id()))).isEmpty();
        assertThat(calls().verdicts(tenant.id(), List.of())).isEmpty();
        assertThat(calls().list(tenant.id(), new CallQuery(null, null, null, null, null, null, null, "tool_failed"), PageRequest.first(10))
                .items()).containsExactly(diagnosed);
    }

    @Test
    void stats_count_by_status_direction_and_day_in_the_tenant_zone() {
        var paris = ZoneId.of("Europe/Paris");
        // 23:30 UTC on March 2 is already March 3 in Paris.
        var lateEvening = Fixtures.call(tenant.id(), T0.plus(Duration.ofHours(14).plusMinutes(30)));
        var morning = Fixtures.call(tenant.id(), T0);
        calls().add(morning.advance(CallStatus.IN_PROGRESS, T0).call().advance(CallStatus.COMPLETED, T0.plusSeconds(100)).call());
        calls().add(lateEvening.advance(CallStatus.BUSY, lateEvening.createdAt()).call());

        var stats = calls().stats(tenant.id(), T0.minus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)), paris);
        assertThat(stats).isEqualTo(new CallStats(2,
                Map.of(CallStatus.COMPLETED, 1L, CallStatus.BUSY, 1L),
                Map.of(CallDirection.INBOUND, 2L),
                100, 50.0,
                List.of(new CallStats.Day(LocalDate.of(2026, 3, 2), 1, 100), new CallStats.Day(LocalDate.of(2026, 3, 3), 1, 0))));
    }
}
