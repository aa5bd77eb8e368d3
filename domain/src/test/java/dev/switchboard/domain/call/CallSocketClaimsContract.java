package dev.switchboard.domain.call;

import static dev.switchboard.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.tenant.TenantRepository;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** What every {@link CallSocketClaims} does. */
public abstract class CallSocketClaimsContract {
    protected abstract TenantRepository tenants();

    protected abstract CallRepository calls();

    /** Two views of the claims, as two instances would have (the same store behind both). */
    protected abstract CallSocketClaims instanceA();

    protected abstract CallSocketClaims instanceB();

    private Call storedCall() {
        var tenant = Fixtures.tenant("Salon");
        tenants().save(tenant);
        var call = Fixtures.call(tenant.id(), T0);
        calls().add(call);
        return call;
    }

    @Test
    void a_calls_socket_is_claimed_once_per_kind_whichever_instance_is_asked() {
        var call = storedCall();

        assertThat(instanceA().claim(call.tenantId(), call.id(), "relay")).isTrue();
        assertThat(instanceB().claim(call.tenantId(), call.id(), "relay")).isFalse();
        assertThat(instanceA().claim(call.tenantId(), call.id(), "relay")).isFalse();
        assertThat(instanceB().claim(call.tenantId(), call.id(), "stream")).isTrue();
    }

    @Test
    void of_many_simultaneous_claims_on_two_instances_exactly_one_wins() throws Exception {
        var call = storedCall();
        var pool = Executors.newFixedThreadPool(8);
        var go = new CountDownLatch(1);
        var tasks = new ArrayList<Callable<Boolean>>();
        for (int i = 0; i < 16; i++) {
            var claims = i % 2 == 0 ? instanceA() : instanceB();
            tasks.add(() -> {
                go.await();
                return claims.claim(call.tenantId(), call.id(), "relay");
            });
        }
        var futures = tasks.stream().map(pool::submit).toList();
        go.countDown();
        int won = 0;
        for (var f : futures) if (f.get()) won++;
        pool.shutdown();

        assertThat(won).isEqualTo(1);
    }

    @Test
    void a_call_of_another_tenant_or_of_none_cannot_be_claimed() {
        var call = storedCall();
        var other = Fixtures.tenant("Other");
        tenants().save(other);

        assertThat(instanceA().claim(other.id(), call.id(), "relay")).isFalse();
        assertThat(instanceA().claim(call.tenantId(), CallId.random(), "relay")).isFalse();
        assertThat(instanceB().claim(call.tenantId(), call.id(), "relay")).isTrue();
    }
}
