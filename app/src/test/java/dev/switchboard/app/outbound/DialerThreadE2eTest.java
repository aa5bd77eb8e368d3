package dev.switchboard.app.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.StaleCalls;
import dev.switchboard.testkit.twilio.FakeTwilioRest;
import dev.switchboard.testkit.twilio.TwilioRoute;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The scheduled dialer and reconciliation do not share threads: with Micronaut's scheduled pool
 * cut down to one thread and reconciliation stuck (it waits on a latch inside its claim of stale
 * calls), a queued call is still dialed. Before the dialer had its own thread, it waited behind
 * the stuck reconciliation for ever. No timing is asserted; the waits are hang guards.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DialerThreadE2eTest implements TestPropertyProvider {
    private static final FakeTwilioRest TWILIO = FakeTwilioRest.start();
    /** Counted down when reconciliation is stuck; released at the end so the application can stop. */
    static final CountDownLatch RECONCILING = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        var p = new HashMap<String, String>();
        p.put("spec.name", "DialerThreadE2eTest");
        p.put("switchboard.public-url", OutboundFixture.PUBLIC_URL);
        p.put("switchboard.twilio.account-sid", OutboundFixture.PLATFORM_SID);
        p.put("switchboard.twilio.auth-token", OutboundFixture.AUTH_TOKEN);
        p.put("switchboard.twilio.api-url", TWILIO.baseUrl());
        p.put("switchboard.outbound.interval", "50ms");
        p.put("switchboard.reconcile.interval", "50ms");
        // One scheduler thread for everything scheduled: a stuck job would hold it.
        p.put("micronaut.executors.scheduled.type", "scheduled");
        p.put("micronaut.executors.scheduled.core-pool-size", "1");
        return p;
    }

    @AfterAll
    void release_and_stop() {
        RELEASE.countDown();
        TWILIO.close();
    }

    @Test
    void a_queued_call_is_dialed_while_reconciliation_is_stuck() throws Exception {
        TWILIO.reset();
        TWILIO.addAccount(OutboundFixture.PLATFORM_SID, OutboundFixture.AUTH_TOKEN);
        var shop = new OutboundFixture(server, new Api(server, json), TWILIO, Map.of());
        assertThat(RECONCILING.await(60, TimeUnit.SECONDS)).as("reconciliation started and is stuck").isTrue();

        var placed = shop.place(Map.of("reference", "while-reconciling"));
        assertThat(placed.status()).isEqualTo(202);

        var guard = Instant.now().plus(Duration.ofSeconds(60));
        while (TWILIO.requests(TwilioRoute.CREATE_CALL).isEmpty() && Instant.now().isBefore(guard)) Thread.sleep(20);
        assertThat(TWILIO.requests(TwilioRoute.CREATE_CALL)).hasSize(1);
        assertThat(TWILIO.requests(TwilioRoute.CREATE_CALL).get(0).param("To")).isEqualTo(OutboundFixture.CUSTOMER);
        assertThat(RELEASE.getCount()).as("reconciliation was still stuck while the call was dialed").isEqualTo(1);
    }

    /** Stale calls whose claim never returns until the test lets it. */
    @Factory
    @Requires(property = "spec.name", value = "DialerThreadE2eTest")
    static class StuckReconciliation {
        @Singleton
        @Replaces(StaleCalls.class)
        StaleCalls stuckStaleCalls() {
            return (now, olderThan, recheckAfter, limit) -> {
                RECONCILING.countDown();
                try {
                    RELEASE.await(5, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.<Call>of();
            };
        }
    }
}
