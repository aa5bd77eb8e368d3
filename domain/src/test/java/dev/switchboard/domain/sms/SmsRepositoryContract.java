package dev.switchboard.domain.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.shared.PageRequest;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tenant.TenantRepository;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SmsRepository} and {@link OptOuts} does: one row per Twilio SID, statuses that
 * only move forward, filters, and nothing of another tenant read or changed.
 */
public abstract class SmsRepositoryContract {
    protected abstract TenantRepository tenants();

    protected abstract SmsRepository messages();

    protected abstract OptOuts optOuts();

    private TenantId tenant;
    private TenantId other;

    @BeforeEach
    void two_tenants() {
        var a = Fixtures.tenant("Orders");
        var b = Fixtures.tenant("Other");
        tenants().save(a);
        tenants().save(b);
        tenant = a.id();
        other = b.id();
    }

    private static String sid() {
        return "SM" + java.util.UUID.randomUUID().toString().replace("-", "");
    }

    private Sms outgoing(String to, Instant at) {
        return Sms.outgoing(tenant, "+14155550100", to, "Your order ships today.", null, null, at);
    }

    @Test
    void a_received_message_is_stored_once_per_twilio_sid_and_only_for_its_tenant() {
        var sid = sid();
        var first = Sms.received(tenant, "+14155550123", "+14155550100", "Hello", null, sid, Fixtures.T0);

        assertThat(messages().add(first)).isTrue();
        assertThat(messages().add(Sms.received(tenant, "+14155550123", "+14155550100", "Hello again", null, sid, Fixtures.T0))).isFalse();

        assertThat(messages().findById(tenant, first.id())).contains(first);
        assertThat(messages().findByProviderId(tenant, sid)).contains(first);
        assertThat(messages().findById(other, first.id())).isEmpty();
        assertThat(messages().findByProviderId(other, sid)).isEmpty();
    }

    @Test
    void statuses_only_move_forward_and_a_failure_keeps_its_error() {
        var sms = outgoing("+14155550123", Fixtures.T0);
        messages().add(sms);
        var sid = sid();
        var later = Fixtures.T0.plusSeconds(1);

        assertThat(messages().accepted(tenant, sms.id(), sid, SmsStatus.QUEUED, later).orElseThrow())
                .extracting(Sms::providerMessageId, Sms::status).containsExactly(sid, SmsStatus.QUEUED);
        assertThat(messages().advance(tenant, sid, SmsStatus.SENT, null, null, later)).isTrue();
        assertThat(messages().advance(tenant, sid, SmsStatus.SENDING, null, null, later)).isFalse();
        assertThat(messages().advance(tenant, sid, SmsStatus.SENT, null, null, later)).isFalse();
        assertThat(messages().advance(other, sid, SmsStatus.DELIVERED, null, null, later)).isFalse();
        assertThat(messages().advance(tenant, sid, SmsStatus.UNDELIVERED, 30003, "Unreachable destination handset", later)).isTrue();
        assertThat(messages().advance(tenant, sid, SmsStatus.DELIVERED, null, null, later)).isFalse();

        var stored = messages().findById(tenant, sms.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(SmsStatus.UNDELIVERED);
        assertThat(stored.errorCode()).isEqualTo(30003);
        assertThat(stored.errorMessage()).isEqualTo("Unreachable destination handset");
        assertThat(stored.updatedAt()).isEqualTo(later);
    }

    @Test
    void sent_messages_without_reports_are_claimed_once_per_recheck_interval_and_not_after_they_moved_on() {
        var now = Fixtures.T0.plus(Duration.ofHours(1));
        var stuck = outgoing("+14155550123", Fixtures.T0);
        var sending = outgoing("+14155550124", Fixtures.T0.plusSeconds(1));
        var delivered = outgoing("+14155550125", Fixtures.T0);
        var fresh = outgoing("+14155550126", now.minusSeconds(60));
        var ancient = outgoing("+14155550127", now.minus(Duration.ofDays(10)));
        var refused = outgoing("+14155550128", Fixtures.T0);
        for (var sms : java.util.List.of(stuck, sending, delivered, fresh, ancient, refused)) messages().add(sms);
        for (var sms : java.util.List.of(stuck, sending, delivered, fresh, ancient))
            messages().accepted(tenant, sms.id(), sid(), SmsStatus.QUEUED, sms.createdAt());
        messages().advance(tenant, sending.id(), SmsStatus.SENDING, null, null, Fixtures.T0);
        messages().advance(tenant, delivered.id(), SmsStatus.DELIVERED, null, null, Fixtures.T0);
        messages().advance(tenant, refused.id(), SmsStatus.FAILED, 21211, "Invalid 'To' Phone Number", Fixtures.T0);

        var first = mine(messages().claimUnreported(now, Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofDays(3), 100));
        var again = mine(messages().claimUnreported(now.plusSeconds(60), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofDays(3), 100));
        var later = mine(messages().claimUnreported(now.plus(Duration.ofMinutes(31)), Duration.ofMinutes(10), Duration.ofMinutes(30),
                Duration.ofDays(3), 100));

        assertThat(first).extracting(Sms::id).containsExactly(stuck.id(), sending.id());
        assertThat(again).isEmpty();
        assertThat(later).extracting(Sms::id).containsExactly(stuck.id(), sending.id(), fresh.id());
    }

    /** Other tests' messages (a shared database) are not this test's. */
    private java.util.List<Sms> mine(java.util.List<Sms> claimed) {
        return claimed.stream().filter(m -> m.tenantId().equals(tenant)).toList();
    }

    @Test
    void a_message_twilio_never_took_fails_by_its_id() {
        var sms = outgoing("+14155550123", Fixtures.T0);
        messages().add(sms);

        assertThat(messages().advance(other, sms.id(), SmsStatus.FAILED, 21211, "Invalid 'To' Phone Number", Fixtures.T0)).isFalse();
        assertThat(messages().advance(tenant, sms.id(), SmsStatus.FAILED, 21211, "Invalid 'To' Phone Number", Fixtures.T0)).isTrue();

        assertThat(messages().findById(tenant, sms.id()).orElseThrow()).extracting(Sms::status, Sms::errorCode, Sms::providerMessageId)
                .containsExactly(SmsStatus.FAILED, 21211, null);
    }

    @Test
    void the_list_filters_pages_newest_first_and_never_shows_another_tenant() {
        var one = outgoing("+14155550123", Fixtures.T0);
        var two = outgoing("+14155550124", Fixtures.T0.plus(Duration.ofMinutes(1)));
        var three = Sms.received(tenant, "+14155550123", "+14155550100", "Thanks", null, sid(), Fixtures.T0.plus(Duration.ofMinutes(2)));
        var foreign = Sms.received(other, "+14155550123", "+14155550199", "Hi", null, sid(), Fixtures.T0);
        for (var sms : java.util.List.of(one, two, three, foreign)) messages().add(sms);
        messages().advance(tenant, two.id(), SmsStatus.FAILED, 21211, "Invalid", Fixtures.T0);

        assertThat(messages().list(tenant, SmsQuery.all(), PageRequest.first(50)).items()).extracting(Sms::id)
                .containsExactly(three.id(), two.id(), one.id());
        assertThat(messages().list(tenant, new SmsQuery(SmsDirection.OUTBOUND, null, null, null, null), PageRequest.first(50)).items())
                .extracting(Sms::id).containsExactly(two.id(), one.id());
        assertThat(messages().list(tenant, new SmsQuery(null, SmsStatus.FAILED, null, null, null), PageRequest.first(50)).items())
                .extracting(Sms::id).containsExactly(two.id());
        assertThat(messages().list(tenant, new SmsQuery(null, null, "+14155550123", null, null), PageRequest.first(50)).items())
                .extracting(Sms::id).containsExactly(three.id(), one.id());
        assertThat(messages().list(tenant, new SmsQuery(null, null, null, Fixtures.T0.plusSeconds(30), Fixtures.T0.plusSeconds(90)),
                PageRequest.first(50)).items()).extracting(Sms::id).containsExactly(two.id());
        var page = messages().list(tenant, SmsQuery.all(), new PageRequest(1, 1));
        assertThat(page.items()).extracting(Sms::id).containsExactly(two.id());
        assertThat(page.total()).isEqualTo(3);
        assertThat(messages().list(other, SmsQuery.all(), PageRequest.first(50)).items()).extracting(Sms::id).containsExactly(foreign.id());
    }

    @Test
    void an_opt_out_holds_for_its_tenant_until_opt_in() {
        optOuts().optOut(tenant, "+14155550123", Fixtures.T0);
        optOuts().optOut(tenant, "+14155550123", Fixtures.T0.plusSeconds(5));

        assertThat(optOuts().isOptedOut(tenant, "+14155550123")).isTrue();
        assertThat(optOuts().isOptedOut(other, "+14155550123")).isFalse();
        assertThat(optOuts().isOptedOut(tenant, "+14155550124")).isFalse();

        optOuts().optIn(other, "+14155550123");
        assertThat(optOuts().isOptedOut(tenant, "+14155550123")).isTrue();
        optOuts().optIn(tenant, "+14155550123");
        optOuts().optIn(tenant, "+14155550123");
        assertThat(optOuts().isOptedOut(tenant, "+14155550123")).isFalse();
    }
}
