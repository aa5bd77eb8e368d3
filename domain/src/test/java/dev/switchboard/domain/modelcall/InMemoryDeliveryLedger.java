package dev.switchboard.domain.modelcall;

import dev.switchboard.domain.shared.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link DeliveryLedger} for domain tests. */
public final class InMemoryDeliveryLedger implements DeliveryLedger {
    private record Key(TenantId tenant, String providerCallId, String key) {}

    private final Map<Key, Instant> claims = new ConcurrentHashMap<>();
    private final Map<Key, DeliveryLedger.ToolAnswer> results = new ConcurrentHashMap<>();

    @Override
    public boolean claim(TenantId tenant, String providerCallId, String key, Instant at) {
        return claims.putIfAbsent(new Key(tenant, providerCallId, key), at) == null;
    }

    @Override
    public void release(TenantId tenant, String providerCallId, String key) {
        var k = new Key(tenant, providerCallId, key);
        if (!results.containsKey(k)) claims.remove(k);
    }

    @Override
    public void recordResult(TenantId tenant, String providerCallId, String key, DeliveryLedger.ToolAnswer result, Instant at) {
        var k = new Key(tenant, providerCallId, key);
        claims.putIfAbsent(k, at);
        results.putIfAbsent(k, result);
    }

    @Override
    public Optional<DeliveryLedger.ToolAnswer> result(TenantId tenant, String providerCallId, String key) {
        return Optional.ofNullable(results.get(new Key(tenant, providerCallId, key)));
    }
}
