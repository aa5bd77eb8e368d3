package dev.switchboard.domain.connection;

import dev.switchboard.domain.shared.TenantId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link ConnectionRepository} for domain tests. */
public final class InMemoryConnectionRepository implements ConnectionRepository {
    private record Key(TenantId tenant, Provider provider) {}

    private final Map<Key, Connection> connections = new ConcurrentHashMap<>();

    @Override
    public void save(Connection connection) {
        connections.put(new Key(connection.tenantId(), connection.provider()), connection);
    }

    @Override
    public Optional<Connection> find(TenantId tenantId, Provider provider) {
        return Optional.ofNullable(connections.get(new Key(tenantId, provider)));
    }

    @Override
    public List<Connection> list(TenantId tenantId) {
        return connections.values().stream().filter(c -> c.tenantId().equals(tenantId))
                .sorted(Comparator.comparing(Connection::provider)).toList();
    }

    @Override
    public List<Connection> findBySetting(Provider provider, String name, String value) {
        return connections.values().stream().filter(c -> c.provider() == provider && value != null && value.equals(c.settings().get(name)))
                .sorted(Comparator.comparing(c -> c.tenantId().value())).toList();
    }

    @Override
    public List<Connection> listAcrossTenants() {
        return List.copyOf(connections.values());
    }

    @Override
    public boolean delete(TenantId tenantId, Provider provider) {
        return connections.remove(new Key(tenantId, provider)) != null;
    }
}
