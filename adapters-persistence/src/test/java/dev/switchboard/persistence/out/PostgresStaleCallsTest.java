package dev.switchboard.persistence.out;

import static dev.switchboard.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.call.CallStatus;
import dev.switchboard.domain.shared.TenantId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class PostgresStaleCallsTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration QUARTER = Duration.ofMinutes(15);

    @Inject
    PostgresTenantRepository tenants;
    @Inject
    PostgresCallRepository calls;
    @Inject
    PostgresStaleCalls stale;

    private Call stored(TenantId tenant, CallStatus status, dev.switchboard.domain.assistant.Runtime runtime) {
        var base = Fixtures.call(tenant, T0);
        var call = new Call(CallId.random(), tenant, base.direction(), base.from(), base.to(), runtime, null, null,
                "CA" + CallId.random().value().toString().replace("-", ""), status, T0, null, null, null, null, null, null, null);
        calls.add(call);
        return call;
    }

    @Test
    void only_old_unfinished_twilio_calls_are_claimed_and_not_again_before_the_recheck() {
        var tenant = Fixtures.tenant("Salon");
        tenants.save(tenant);
        var live = stored(tenant.id(), CallStatus.IN_PROGRESS, dev.switchboard.domain.assistant.Runtime.RELAY);
        stored(tenant.id(), CallStatus.COMPLETED, dev.switchboard.domain.assistant.Runtime.RELAY);
        stored(tenant.id(), CallStatus.IN_PROGRESS, dev.switchboard.domain.assistant.Runtime.VAPI);
        var now = T0.plus(HOUR).plusSeconds(1);

        assertThat(stale.claim(T0.plusSeconds(60), HOUR, QUARTER, 100)).extracting(Call::id).doesNotContain(live.id());
        assertThat(stale.claim(now, HOUR, QUARTER, 100)).extracting(Call::id).contains(live.id())
                .allSatisfy(id -> assertThat(calls.findById(tenant.id(), id).orElseThrow().status().isFinal()).isFalse());
        assertThat(stale.claim(now.plusSeconds(60), HOUR, QUARTER, 100)).extracting(Call::id).doesNotContain(live.id());
        assertThat(stale.claim(now.plus(QUARTER).plusSeconds(1), HOUR, QUARTER, 100)).extracting(Call::id).contains(live.id());
    }

    @Test
    void two_instances_claiming_at_once_never_take_the_same_call() throws Exception {
        var tenant = Fixtures.tenant("Busy");
        tenants.save(tenant);
        var mine = new HashSet<CallId>();
        for (int i = 0; i < 40; i++) mine.add(stored(tenant.id(), CallStatus.IN_PROGRESS, dev.switchboard.domain.assistant.Runtime.RELAY).id());
        // Far in the future, so calls of other tests in this database are older too; only ours are counted.
        var now = T0.plus(Duration.ofDays(3650));
        var pool = Executors.newFixedThreadPool(4);
        try {
            var gate = new CountDownLatch(1);
            var claims = new ArrayList<Future<List<Call>>>();
            for (int i = 0; i < 4; i++)
                claims.add(pool.submit(() -> {
                    gate.await();
                    var taken = new ArrayList<Call>();
                    for (int round = 0; round < 20; round++) taken.addAll(stale.claim(now, HOUR, QUARTER, 3));
                    return taken;
                }));
            gate.countDown();
            var all = new ArrayList<CallId>();
            for (var claim : claims) claim.get(60, TimeUnit.SECONDS).forEach(c -> all.add(c.id()));
            var ours = all.stream().filter(mine::contains).toList();
            assertThat(ours).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(mine);
        } finally {
            pool.shutdown();
        }
    }
}
