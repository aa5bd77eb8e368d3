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
    private final Map<Key, Boolean> applied = new ConcurrentHashMap<>();
    private final Map<Key, DeliveryLedger.ToolAnswer> results = new ConcurrentHashMap<>();

    @Override
    public synchronized boolean claim(TenantId tenant, String providerCallId, String key, Instant at) {
        var k = new Key(tenant, providerCallId, key);
        var held = claims.get(k);
        if (held == null || (!applied.containsKey(k) && !results.containsKey(k) && !held.plus(CLAIM_LEASE).isAfter(at))) {
            claims.put(k, at);
            return true;
        }
        return false;
    }

    @Override
    public void applied(TenantId tenant, String providerCallId, String key, Instant at) {
        applied.put(new Key(tenant, providerCallId, key), true);
    }

    @Override
    public synchronized void release(TenantId tenant, String providerCallId, String key) {
        var k = new Key(tenant, providerCallId, key);
        if (!results.containsKey(k)) claims.remove(k);
    }

    @Override
    public synchronized void recordResult(TenantId tenant, String providerCallId, String key, DeliveryLedger.ToolAnswer result, Instant at) {
        var k = new Key(tenant, providerCallId, key);
        claims.putIfAbsent(k, at);
        results.putIfAbsent(k, result);
    }

    @Override
    public Optional<DeliveryLedger.ToolAnswer> result(TenantId tenant, String providerCallId, String key) {
        return Optional.ofNullable(results.get(new Key(tenant, providerCallId, key)));
    }
}
