package dev.switchboard.domain.tenant;

import dev.switchboard.domain.shared.TenantId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link UserRepository} for domain tests. */
public final class InMemoryUserRepository implements UserRepository {
    private final Map<String, User> byEmail = new ConcurrentHashMap<>();

    @Override
    public void add(User user) {
        if (byEmail.putIfAbsent(user.email(), user) != null) throw new EmailAlreadyUsed(user.email());
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return Optional.ofNullable(byEmail.get(User.normalizeEmail(email)));
    }

    @Override
    public List<User> listByTenant(TenantId tenantId) {
        return byEmail.values().stream().filter(u -> u.tenantId().equals(tenantId))
                .sorted(Comparator.comparing(User::email)).toList();
    }
}
