package dev.switchboard.persistence.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.shared.TenantId;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConfigurationCacheTest {
    private final ConfigurationCache cache = new ConfigurationCache();
    private final TenantId tenant = new TenantId(UUID.randomUUID());
    private final TenantId other = new TenantId(UUID.randomUUID());
    private final AtomicInteger loads = new AtomicInteger();

    private String load(String value) {
        loads.incrementAndGet();
        return value;
    }

    @Test
    void nothing_is_kept_while_changes_cannot_be_heard() {
        var key = new ConfigurationCache.Key("assistants", tenant, "a");
        cache.read(key, () -> load("v1"));
        cache.read(key, () -> load("v1"));
        assertThat(loads).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void a_value_is_read_once_until_its_tenant_changes() {
        cache.hearingChanges(true);
        var key = new ConfigurationCache.Key("assistants", tenant, "a");
        assertThat(cache.read(key, () -> load("v1"))).isEqualTo("v1");
        assertThat(cache.read(key, () -> load("v2"))).isEqualTo("v1");
        assertThat(loads).hasValue(1);

        cache.changed(other);
        assertThat(cache.read(key, () -> load("v2"))).isEqualTo("v1");

        cache.changed(tenant);
        assertThat(cache.read(key, () -> load("v2"))).isEqualTo("v2");
        assertThat(loads).hasValue(2);
    }

    @Test
    void reads_across_tenants_go_with_any_change() {
        cache.hearingChanges(true);
        var route = new ConfigurationCache.Key("phone_numbers", null, "+15005550006");
        cache.read(route, () -> load("tenant A"));
        cache.changed(other);
        assertThat(cache.read(route, () -> load("tenant B"))).isEqualTo("tenant B");
    }

    @Test
    void a_read_that_raced_a_change_is_not_kept() {
        cache.hearingChanges(true);
        var key = new ConfigurationCache.Key("assistants", tenant, "a");
        // The change commits while the old row is being read.
        var stale = cache.read(key, () -> {
            cache.changed(tenant);
            return load("old");
        });
        assertThat(stale).isEqualTo("old");
        assertThat(cache.read(key, () -> load("new"))).isEqualTo("new");
    }

    @Test
    void what_the_caller_chooses_is_kept_only_when_found() {
        cache.hearingChanges(true);
        var key = new ConfigurationCache.Key("phone_numbers", null, "+15005550999");
        cache.read(key, () -> load(""), found -> !found.isEmpty());
        cache.read(key, () -> load(""), found -> !found.isEmpty());
        assertThat(loads).hasValue(2);
    }

    @Test
    void losing_the_listener_empties_the_cache_and_stops_keeping() {
        cache.hearingChanges(true);
        var key = new ConfigurationCache.Key("tenants", tenant, tenant);
        cache.read(key, () -> load("v1"));
        cache.hearingChanges(false);
        assertThat(cache.size()).isZero();
        cache.read(key, () -> load("v2"));
        assertThat(cache.size()).isZero();
    }

    @Test
    void payloads_name_their_tenant() {
        var id = UUID.randomUUID();
        assertThat(ConfigurationChanges.tenant("assistants:" + id)).isEqualTo(new TenantId(id));
        assertThat(ConfigurationChanges.tenant("assistants:")).isNull();
        assertThat(ConfigurationChanges.tenant("garbage")).isNull();
    }
}
