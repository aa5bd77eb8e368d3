package dev.switchboard.persistence.out;

import dev.switchboard.domain.appointment.AvailabilityRepository;
import dev.switchboard.domain.appointment.AvailabilityRules;
import dev.switchboard.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Availability rules in the {@code availability_rules} table: one JSONB document per tenant. */
@Singleton
final class PostgresAvailabilityRepository implements AvailabilityRepository {
    private final Database db;
    private final JsonColumns json;
    private final ConfigurationCache cache;

    PostgresAvailabilityRepository(Database db, JsonColumns json, ConfigurationCache cache) {
        this.db = db;
        this.json = json;
        this.cache = cache;
    }

    @Override
    public Optional<AvailabilityRules> find(TenantId tenantId) {
        return cache.read(new ConfigurationCache.Key("availability_rules", tenantId, tenantId),
                () -> db.first("find availability rules", "SELECT rules FROM availability_rules WHERE tenant_id = ?",
                        ps -> ps.setObject(1, tenantId.value()), rs -> AvailabilityRulesJson.read(json.readObject(rs.getString("rules")))));
    }

    @Override
    public void save(TenantId tenantId, AvailabilityRules rules) {
        db.update("save availability rules", """
                INSERT INTO availability_rules (tenant_id, rules, updated_at) VALUES (?, CAST(? AS jsonb), now())
                ON CONFLICT (tenant_id) DO UPDATE SET rules = EXCLUDED.rules, updated_at = EXCLUDED.updated_at""", ps -> {
            ps.setObject(1, tenantId.value());
            ps.setString(2, json.write(AvailabilityRulesJson.write(rules)));
        });
        cache.changed(tenantId);
    }
}
