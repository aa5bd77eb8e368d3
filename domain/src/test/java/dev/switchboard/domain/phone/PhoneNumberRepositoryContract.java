package dev.switchboard.domain.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.tenant.TenantRepository;
import org.junit.jupiter.api.Test;

/** What every {@link PhoneNumberRepository} does: one owner per number, tenant isolation. */
public abstract class PhoneNumberRepositoryContract {
    protected abstract TenantRepository tenants();

    protected abstract AssistantRepository assistants();

    protected abstract PhoneNumberRepository phoneNumbers();

    @Test
    void saves_finds_by_id_and_by_number_and_reassigns() {
        var tenant = Fixtures.tenant("Salon");
        tenants().save(tenant);
        var assistant = Fixtures.assistant(tenant.id(), "Reception");
        assistants().save(assistant);
        var number = Fixtures.number(tenant.id(), Fixtures.randomE164(), null);
        phoneNumbers().save(number);
        assertThat(phoneNumbers().findById(tenant.id(), number.id())).contains(number);
        assertThat(phoneNumbers().findByNumber(number.number())).contains(number);

        var assigned = number.withAssistant(assistant.id());
        phoneNumbers().save(assigned);
        assertThat(phoneNumbers().findById(tenant.id(), number.id())).contains(assigned);
        assertThat(phoneNumbers().list(tenant.id())).containsExactly(assigned);
    }

    @Test
    void a_proof_is_stored_and_kept_by_a_save_that_does_not_carry_one() {
        var tenant = Fixtures.tenant("Salon");
        tenants().save(tenant);
        var plain = Fixtures.number(tenant.id(), Fixtures.randomE164(), null);
        var proof = new NumberProof("AC" + "7".repeat(32), java.time.Instant.parse("2026-12-03T12:00:00Z"));
        var proven = new PhoneNumber(plain.id(), tenant.id(), plain.number(), plain.label(), null, "PN" + "7".repeat(32),
                null, plain.createdAt(), proof);
        phoneNumbers().save(proven);
        assertThat(phoneNumbers().findById(tenant.id(), plain.id())).contains(proven);

        // e.g. the Vapi sync saving the number with the constructor that predates proofs
        phoneNumbers().save(new PhoneNumber(plain.id(), tenant.id(), plain.number(), "Renamed", null, proven.twilioSid(), "vapi-1",
                plain.createdAt()));
        var after = phoneNumbers().findById(tenant.id(), plain.id()).orElseThrow();
        assertThat(after.label()).isEqualTo("Renamed");
        assertThat(after.proof()).isEqualTo(proof);
    }

    @Test
    void a_number_belongs_to_one_tenant() {
        var a = Fixtures.tenant("A");
        var b = Fixtures.tenant("B");
        tenants().save(a);
        tenants().save(b);
        var e164 = Fixtures.randomE164();
        phoneNumbers().save(Fixtures.number(a.id(), e164, null));
        assertThatThrownBy(() -> phoneNumbers().save(Fixtures.number(b.id(), e164, null)))
                .isInstanceOf(PhoneNumberRepository.NumberAlreadyTaken.class);
        assertThat(phoneNumbers().list(b.id())).isEmpty();
    }

    @Test
    void another_tenant_neither_sees_nor_deletes_it() {
        var owner = Fixtures.tenant("Owner");
        var other = Fixtures.tenant("Other");
        tenants().save(owner);
        tenants().save(other);
        var number = Fixtures.number(owner.id(), Fixtures.randomE164(), null);
        phoneNumbers().save(number);

        assertThat(phoneNumbers().findById(other.id(), number.id())).isEmpty();
        assertThat(phoneNumbers().delete(other.id(), number.id())).isFalse();
        assertThat(phoneNumbers().delete(owner.id(), number.id())).isTrue();
        assertThat(phoneNumbers().findByNumber(number.number())).isEmpty();
    }
}
