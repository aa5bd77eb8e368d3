package dev.switchboard.domain.assistant;

import dev.switchboard.domain.phone.InMemoryPhoneNumberRepository;
import dev.switchboard.domain.shared.TenantId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link AssistantRepository} for domain tests; detaches numbers like the database. */
public final class InMemoryAssistantRepository implements AssistantRepository {
    private final Map<AssistantId, Assistant> assistants = new ConcurrentHashMap<>();
    private final InMemoryPhoneNumberRepository numbers;

    public InMemoryAssistantRepository(InMemoryPhoneNumberRepository numbers) {
        this.numbers = numbers;
    }

    @Override
    public void save(Assistant assistant) {
        var existing = assistants.get(assistant.id());
        if (existing != null && !existing.tenantId().equals(assistant.tenantId()))
            throw new IllegalArgumentException("assistant id belongs to another tenant");
        assistants.put(assistant.id(), assistant);
    }

    @Override
    public Optional<Assistant> findById(TenantId tenantId, AssistantId id) {
        return Optional.ofNullable(assistants.get(id)).filter(a -> a.tenantId().equals(tenantId));
    }

    @Override
    public List<Assistant> list(TenantId tenantId) {
        return assistants.values().stream().filter(a -> a.tenantId().equals(tenantId))
                .sorted(Comparator.comparing(Assistant::name)).toList();
    }

    @Override
    public boolean delete(TenantId tenantId, AssistantId id) {
        if (findById(tenantId, id).isEmpty()) return false;
        numbers.detach(tenantId, id);
        return assistants.remove(id) != null;
    }
}
