package dev.switchboard.domain.phone;

import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.TenantId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link PhoneNumberRepository} for domain tests. */
public final class InMemoryPhoneNumberRepository implements PhoneNumberRepository {
    private final Map<PhoneNumberId, PhoneNumber> numbers = new ConcurrentHashMap<>();

    @Override
    public synchronized void save(PhoneNumber number) {
        var existing = numbers.get(number.id());
        if (existing != null && !existing.tenantId().equals(number.tenantId())) throw new NumberAlreadyTaken(number.number());
        boolean taken = numbers.values().stream().anyMatch(n -> n.number().equals(number.number()) && !n.id().equals(number.id()));
        if (taken) throw new NumberAlreadyTaken(number.number());
        var kept = number.proof() != null || existing == null || existing.proof() == null ? number
                : new PhoneNumber(number.id(), number.tenantId(), number.number(), number.label(), number.assistantId(),
                        number.twilioSid(), number.vapiPhoneNumberId(), number.createdAt(), existing.proof());
        numbers.put(number.id(), kept);
    }

    @Override
    public Optional<PhoneNumber> findById(TenantId tenantId, PhoneNumberId id) {
        return Optional.ofNullable(numbers.get(id)).filter(n -> n.tenantId().equals(tenantId));
    }

    @Override
    public Optional<PhoneNumber> findByNumber(E164Number number) {
        return numbers.values().stream().filter(n -> n.number().equals(number)).findFirst();
    }

    @Override
    public List<PhoneNumber> list(TenantId tenantId) {
        return numbers.values().stream().filter(n -> n.tenantId().equals(tenantId))
                .sorted(Comparator.comparing(n -> n.number().value())).toList();
    }

    @Override
    public boolean delete(TenantId tenantId, PhoneNumberId id) {
        return findById(tenantId, id).map(n -> numbers.remove(id) != null).orElse(false);
    }

    /** What deleting an assistant does to the numbers it answered. */
    public synchronized void detach(TenantId tenantId, AssistantId assistant) {
        numbers.replaceAll((id, n) -> n.tenantId().equals(tenantId) && assistant.equals(n.assistantId()) ? n.withAssistant(null) : n);
    }
}
