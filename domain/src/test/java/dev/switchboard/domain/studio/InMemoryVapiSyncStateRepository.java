package dev.switchboard.domain.studio;

import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.shared.TenantId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link VapiSyncStateRepository} for domain tests. */
public final class InMemoryVapiSyncStateRepository implements VapiSyncStateRepository {
    private record Key(TenantId tenant, AssistantId assistant) {}

    private final Map<Key, VapiSyncState> states = new ConcurrentHashMap<>();

    @Override
    public void save(VapiSyncState state) {
        states.put(new Key(state.tenantId(), state.assistantId()), state);
    }

    @Override
    public Optional<VapiSyncState> find(TenantId tenantId, AssistantId assistantId) {
        return Optional.ofNullable(states.get(new Key(tenantId, assistantId)));
    }

    @Override
    public List<VapiSyncState> list(TenantId tenantId) {
        return states.values().stream().filter(s -> s.tenantId().equals(tenantId))
                .sorted(Comparator.comparing(s -> s.assistantId().value().toString())).toList();
    }

    @Override
    public Optional<VapiSyncState> findByVapiAssistantId(TenantId tenantId, String vapiAssistantId) {
        return states.values().stream()
                .filter(s -> s.tenantId().equals(tenantId) && vapiAssistantId.equals(s.vapiAssistantId())).findFirst();
    }
}
