package dev.switchboard.domain.modelcall;

import static dev.switchboard.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.tenant.TenantRepository;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every {@link DeliveryLedger} does. */
public abstract class DeliveryLedgerContract {
    protected abstract TenantRepository tenants();

    protected abstract DeliveryLedger ledger();

    private static String providerCallId() {
        return UUID.randomUUID().toString();
    }

    @Test
    void a_key_is_claimed_once_per_call_and_tenant() {
        var tenant = Fixtures.tenant("Salon");
        var other = Fixtures.tenant("Other");
        tenants().save(tenant);
        tenants().save(other);
        var call = providerCallId();

        assertThat(ledger().claim(tenant.id(), call, "k1", T0)).isTrue();
        assertThat(ledger().claim(tenant.id(), call, "k1", T0.plusSeconds(1))).isFalse();
        assertThat(ledger().claim(tenant.id(), call, "k2", T0)).isTrue();
        assertThat(ledger().claim(tenant.id(), providerCallId(), "k1", T0)).isTrue();
        assertThat(ledger().claim(other.id(), call, "k1", T0)).isTrue();
    }

    @Test
    void a_released_claim_can_be_claimed_again_but_an_answered_one_cannot() {
        var tenant = Fixtures.tenant("Salon");
        tenants().save(tenant);
        var call = providerCallId();
        assertThat(ledger().claim(tenant.id(), call, "k1", T0)).isTrue();
        ledger().release(tenant.id(), call, "k1");
        assertThat(ledger().claim(tenant.id(), call, "k1", T0.plusSeconds(1))).isTrue();

        var key = DeliveryLedger.toolCallKey("call_1");
        var answer = new DeliveryLedger.ToolAnswer("call_1", "book_appointment", "Booked.", null);
        assertThat(ledger().claim(tenant.id(), call, key, T0)).isTrue();
        ledger().recordResult(tenant.id(), call, key, answer, T0);
        ledger().release(tenant.id(), call, key);
        assertThat(ledger().claim(tenant.id(), call, key, T0)).isFalse();
        assertThat(ledger().result(tenant.id(), call, key)).contains(answer);
    }

    @Test
    void of_many_simultaneous_claims_exactly_one_wins() throws Exception {
        var tenant = Fixtures.tenant("Salon");
        tenants().save(tenant);
        var call = providerCallId();
        int claimants = 8;
        var pool = Executors.newFixedThreadPool(claimants);
        try {
            for (int round = 0; round < 10; round++) {
                var key = "k" + round;
                var gate = new CountDownLatch(1);
                var claims = new ArrayList<Future<Boolean>>();
                for (int i = 0; i < claimants; i++)
                    claims.add(pool.submit(() -> {
                        gate.await();
                        return ledger().claim(tenant.id(), call, key, T0);
                    }));
                gate.countDown();
                var won = new ArrayList<Boolean>();
                for (var claim : claims) won.add(claim.get(30, TimeUnit.SECONDS));
                assertThat(won.stream().filter(w -> w)).as("round %d", round).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void the_first_stored_result_is_the_one_everybody_reads() {
        var tenant = Fixtures.tenant("Salon");
        var other = Fixtures.tenant("Other");
        tenants().save(tenant);
        tenants().save(other);
        var call = providerCallId();
        var key = DeliveryLedger.toolCallKey("call_1");
        assertThat(ledger().claim(tenant.id(), call, key, T0)).isTrue();
        assertThat(ledger().result(tenant.id(), call, key)).isEmpty();

        var booked = new DeliveryLedger.ToolAnswer("call_1", "book_appointment", "Booked: haircut on Tuesday at 10:00.", null);
        ledger().recordResult(tenant.id(), call, key, booked, T0.plusSeconds(2));
        ledger().recordResult(tenant.id(), call, key, new DeliveryLedger.ToolAnswer("call_1", "book_appointment", null, "Error"), T0.plusSeconds(3));

        assertThat(ledger().result(tenant.id(), call, key)).contains(booked);
        assertThat(ledger().result(other.id(), call, key)).isEmpty();
        assertThat(ledger().result(tenant.id(), providerCallId(), key)).isEmpty();
        var failed = new DeliveryLedger.ToolAnswer("call_2", "check_availability", null, "Error: check_availability took too long.");
        var second = DeliveryLedger.toolCallKey("call_2");
        ledger().claim(tenant.id(), call, second, T0);
        ledger().recordResult(tenant.id(), call, second, failed, T0);
        assertThat(ledger().result(tenant.id(), call, second)).contains(failed);
    }

    @Test
    void a_claim_left_unapplied_past_its_lease_is_taken_over_once() {
        var tenant = Fixtures.tenant("Salon");
        tenants().save(tenant);
        var call = providerCallId();
        // The first holder claimed, then died before applying.
        assertThat(ledger().claim(tenant.id(), call, "k1", T0)).isTrue();
        var later = T0.plus(DeliveryLedger.CLAIM_LEASE).plusSeconds(1);
        assertThat(ledger().claim(tenant.id(), call, "k1", T0.plus(DeliveryLedger.CLAIM_LEASE).minusSeconds(1))).isFalse();
        assertThat(ledger().claim(tenant.id(), call, "k1", later)).isTrue();
        // The new holder's lease starts again: a delivery right after is still a duplicate.
        assertThat(ledger().claim(tenant.id(), call, "k1", later.plusSeconds(1))).isFalse();
    }

    @Test
    void an_applied_or_answered_claim_never_expires() {
        var tenant = Fixtures.tenant("Salon");
        tenants().save(tenant);
        var call = providerCallId();
        var muchLater = T0.plus(DeliveryLedger.CLAIM_LEASE.multipliedBy(100));
        assertThat(ledger().claim(tenant.id(), call, "k1", T0)).isTrue();
        ledger().applied(tenant.id(), call, "k1", T0.plusSeconds(1));
        assertThat(ledger().claim(tenant.id(), call, "k1", muchLater)).isFalse();

        var key = DeliveryLedger.toolCallKey("call_1");
        assertThat(ledger().claim(tenant.id(), call, key, T0)).isTrue();
        ledger().recordResult(tenant.id(), call, key, new DeliveryLedger.ToolAnswer("call_1", "book_appointment", "Booked.", null), T0.plusSeconds(2));
        assertThat(ledger().claim(tenant.id(), call, key, muchLater)).isFalse();
    }
}
