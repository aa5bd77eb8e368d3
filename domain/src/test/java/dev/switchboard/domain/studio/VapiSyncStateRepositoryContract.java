package dev.switchboard.domain.studio;

import static dev.switchboard.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.tenant.TenantRepository;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

/** What every {@link VapiSyncStateRepository} does. */
public abstract class VapiSyncStateRepositoryContract {
    protected abstract TenantRepository tenants();

    protected abstract AssistantRepository assistants();

    protected abstract VapiSyncStateRepository states();

    @Test
    void saves_replaces_finds_and_lists_one_state_per_assistant() {
        var tenant = Fixtures.tenant("Salon");
        tenants().save(tenant);
        var first = Fixtures.assistant(tenant.id(), "Front desk");
        var second = Fixtures.assistant(tenant.id(), "Night line");
        assistants().save(first);
        assistants().save(second);
        var failed = new VapiSyncState(tenant.id(), first.id(), SyncStatus.FAILED, T0, "assistant: Vapi rejected the API key (401)",
                null, T0.toString(), "0123456789abcdef");
        var synced = new VapiSyncState(tenant.id(), first.id(), SyncStatus.SYNCED, T0.plusSeconds(60), null,
                "vapi-asst-1", T0.toString(), "0123456789abcdef");
        var other = new VapiSyncState(tenant.id(), second.id(), SyncStatus.DRIFTED, T0, "changed in Vapi", "vapi-asst-2", null, null);
        states().save(failed);
        assertThat(states().find(tenant.id(), first.id())).contains(failed);
        states().save(synced);
        states().save(other);

        assertThat(states().find(tenant.id(), first.id())).contains(synced);
        assertThat(states().findByVapiAssistantId(tenant.id(), "vapi-asst-2")).contains(other);
        assertThat(states().findByVapiAssistantId(tenant.id(), "vapi-asst-9")).isEmpty();
        // By the id's text, which is PostgreSQL's uuid order too (UUID.compareTo compares signed halves).
        assertThat(states().list(tenant.id())).containsExactlyElementsOf(
                java.util.stream.Stream.of(synced, other).sorted(Comparator.comparing(s -> s.assistantId().value().toString())).toList());
    }

    @Test
    void another_tenant_never_sees_it() {
        var owner = Fixtures.tenant("Owner");
        var other = Fixtures.tenant("Other");
        tenants().save(owner);
        tenants().save(other);
        var assistant = Fixtures.assistant(owner.id(), "Front desk");
        assistants().save(assistant);
        var state = new VapiSyncState(owner.id(), assistant.id(), SyncStatus.SYNCED, T0, null, "vapi-asst-x", T0.toString(), "ff");
        states().save(state);

        assertThat(states().find(other.id(), assistant.id())).isEmpty();
        assertThat(states().list(other.id())).isEmpty();
        assertThat(states().findByVapiAssistantId(other.id(), "vapi-asst-x")).isEmpty();
        assertThat(states().find(owner.id(), assistant.id())).contains(state);
    }
}
