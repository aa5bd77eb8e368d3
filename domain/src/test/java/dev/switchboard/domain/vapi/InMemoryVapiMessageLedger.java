package dev.switchboard.domain.vapi;

import dev.switchboard.domain.shared.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link VapiMessageLedger} for domain tests. */
public final class InMemoryVapiMessageLedger implements VapiMessageLedger {
    private record Key(TenantId tenant, String vapiCallId, String key) {}

    private final Map<Key, Instant> claims = new ConcurrentHashMap<>();
    private final Map<Key, VapiReply.ToolResult> results = new ConcurrentHashMap<>();

    @Override
    public boolean claim(TenantId tenant, String vapiCallId, String key, Instant at) {
        return claims.putIfAbsent(new Key(tenant, vapiCallId, key), at) == null;
    }

    @Override
    public void release(TenantId tenant, String vapiCallId, String key) {
        var k = new Key(tenant, vapiCallId, key);
        if (!results.containsKey(k)) claims.remove(k);
    }

    @Override
    public void recordResult(TenantId tenant, String vapiCallId, String key, VapiReply.ToolResult result, Instant at) {
        var k = new Key(tenant, vapiCallId, key);
        claims.putIfAbsent(k, at);
        results.putIfAbsent(k, result);
    }

    @Override
    public Optional<VapiReply.ToolResult> result(TenantId tenant, String vapiCallId, String key) {
        return Optional.ofNullable(results.get(new Key(tenant, vapiCallId, key)));
    }
}
