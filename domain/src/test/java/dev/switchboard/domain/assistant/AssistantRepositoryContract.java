package dev.switchboard.domain.assistant;

import static dev.switchboard.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.phone.PhoneNumberRepository;
import dev.switchboard.domain.tenant.TenantRepository;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every {@link AssistantRepository} does, tenant isolation included. */
public abstract class AssistantRepositoryContract {
    protected abstract TenantRepository tenants();

    protected abstract AssistantRepository assistants();

    protected abstract PhoneNumberRepository phoneNumbers();

    @Test
    void saves_finds_lists_and_replaces_an_assistant() {
        var tenant = Fixtures.tenant("Salon");
        tenants().save(tenant);
        var assistant = Fixtures.assistant(tenant.id(), "Reception");
        assistants().save(assistant);
        assertThat(assistants().findById(tenant.id(), assistant.id())).contains(assistant);

        var changed = new Assistant(assistant.id(), tenant.id(), "Reception (night)", null, "New prompt", null, "en-US",
                new VoiceSettings("openai", "alloy", 1.25), new TranscriberSettings("google", "chirp", "en-US"),
                new ModelSettings("openai", "gpt-4o-mini", 0.0, 1000, "anthropic", "claude-haiku-4-5"), Set.of("end_call"),
                new DtmfPolicy(Map.of('#', DtmfAction.END_CALL)), Interruptibility.SPEECH, null, Runtime.VAPI, T0, T0.plusSeconds(60));
        assistants().save(changed);
        assertThat(assistants().findById(tenant.id(), assistant.id())).contains(changed);
        assertThat(assistants().list(tenant.id())).containsExactly(changed);
    }

    @Test
    void another_tenant_neither_sees_nor_deletes_it() {
        var owner = Fixtures.tenant("Owner");
        var other = Fixtures.tenant("Other");
        tenants().save(owner);
        tenants().save(other);
        var assistant = Fixtures.assistant(owner.id(), "Reception");
        assistants().save(assistant);

        assertThat(assistants().findById(other.id(), assistant.id())).isEmpty();
        assertThat(assistants().list(other.id())).isEmpty();
        assertThat(assistants().delete(other.id(), assistant.id())).isFalse();
        assertThat(assistants().findById(owner.id(), assistant.id())).contains(assistant);
    }

    @Test
    void list_is_sorted_by_name() {
        var tenant = Fixtures.tenant("Salon");
        tenants().save(tenant);
        var b = Fixtures.assistant(tenant.id(), "Bravo");
        var a = Fixtures.assistant(tenant.id(), "Alpha");
        assistants().save(b);
        assistants().save(a);
        assertThat(assistants().list(tenant.id())).containsExactly(a, b);
    }

    @Test
    void deleting_detaches_its_phone_numbers() {
        var tenant = Fixtures.tenant("Salon");
        tenants().save(tenant);
        var assistant = Fixtures.assistant(tenant.id(), "Reception");
        assistants().save(assistant);
        var number = Fixtures.number(tenant.id(), Fixtures.randomE164(), assistant.id());
        phoneNumbers().save(number);

        assertThat(assistants().delete(tenant.id(), assistant.id())).isTrue();
        assertThat(assistants().findById(tenant.id(), assistant.id())).isEmpty();
        assertThat(phoneNumbers().findById(tenant.id(), number.id())).contains(number.withAssistant(null));
    }
}
