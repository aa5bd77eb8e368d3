package dev.switchboard.app.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.assistant.Runtime;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallDirection;
import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.call.CallStatus;
import dev.switchboard.domain.call.RecordCallStatus;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.telephony.ReconcileCalls;
import dev.switchboard.domain.tenant.TenantRepository;
import dev.switchboard.testkit.twilio.FakeTwilioRest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Calls whose end Twilio never reported are read from Twilio ({@code Calls/{sid}.json}, a fake
 * Twilio REST API on loopback) and completed; status callbacks that came before their call are
 * applied once it exists. The schedule is off: each test runs the job itself.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallReconciliationE2eTest implements TestPropertyProvider {
    private static final FakeTwilioRest TWILIO = FakeTwilioRest.start();
    private static final String PLATFORM_SID = "AC" + "0".repeat(31) + "7";

    @Inject
    ReconcileCalls reconcile;
    @Inject
    RecordCallStatus statuses;
    @Inject
    CallRepository calls;
    @Inject
    TenantRepository tenants;

    private TenantId tenant;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("switchboard.public-url", RelayFixture.PUBLIC_URL,
                "switchboard.twilio.account-sid", PLATFORM_SID,
                "switchboard.twilio.auth-token", RelayFixture.AUTH_TOKEN,
                "switchboard.twilio.api-url", TWILIO.baseUrl(),
                "switchboard.reconcile.enabled", "false",
                "switchboard.reconcile.stale-after", "0s",
                "switchboard.reconcile.recheck-after", "0s");
    }

    @AfterAll
    void stop_the_fake() {
        TWILIO.close();
    }

    @BeforeEach
    void a_tenant_on_the_platform_account() {
        TWILIO.reset();
        TWILIO.addAccount(PLATFORM_SID, RelayFixture.AUTH_TOKEN);
        var t = Fixtures.tenant("Salon");
        tenants.save(t);
        tenant = t.id();
    }

    private Call stored(String callSid) {
        var call = Call.started(tenant, CallDirection.INBOUND, "+33612345678", "+33142000001", Runtime.RELAY, null, null,
                callSid, CallStatus.IN_PROGRESS, Instant.now().minus(1, ChronoUnit.MINUTES));
        calls.add(call);
        return call;
    }

    @Test
    void a_call_twilio_says_is_over_is_completed_with_twilios_times_and_a_summary() {
        var sid = TWILIO.addCall(PLATFORM_SID, "+33612345678", "+33142000001", "in-progress");
        var call = stored(sid);

        reconcile.run();
        assertThat(calls.findById(tenant, call.id()).orElseThrow().status()).isEqualTo(CallStatus.IN_PROGRESS);
        assertThat(calls.events(tenant, call.id())).extracting(CallEvent::type).contains("reconcile.checked");

        TWILIO.setCallStatus(sid, "completed");
        reconcile.run();

        var done = calls.findById(tenant, call.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(done.durationSeconds()).isEqualTo(TWILIO.call(sid).path("duration").asInt());
        assertThat(done.summary()).startsWith("Outcome: completed");
        assertThat(calls.events(tenant, call.id())).extracting(CallEvent::type)
                .containsSubsequence("reconcile.checked", "reconcile.completed", "status.changed", "summary.written");
    }

    @Test
    void a_call_twilio_does_not_know_stays_as_it_is_and_the_refusal_is_on_its_timeline() {
        var call = stored("CA" + "f".repeat(32));

        reconcile.run();

        assertThat(calls.findById(tenant, call.id()).orElseThrow().status()).isEqualTo(CallStatus.IN_PROGRESS);
        assertThat(calls.events(tenant, call.id())).extracting(CallEvent::type).contains("reconcile.refused");
    }

    @Test
    void a_status_callback_that_came_before_its_call_is_applied_once_the_call_exists() {
        var sid = "CA" + "e".repeat(32);
        assertThat(statuses.record(new RecordCallStatus.Command(tenant, sid, CallStatus.COMPLETED, 12, Instant.now(),
                Map.of("CallStatus", "completed")))).isEmpty();
        var call = stored(sid);

        var report = reconcile.run();

        assertThat(report.earlyApplied()).isEqualTo(1);
        var done = calls.findById(tenant, call.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(CallStatus.COMPLETED);
        assertThat(done.durationSeconds()).isEqualTo(12);
    }
}
