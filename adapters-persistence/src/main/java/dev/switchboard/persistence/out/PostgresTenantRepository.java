package dev.switchboard.persistence.out;

import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tenant.Tenant;
import dev.switchboard.domain.tenant.TenantRepository;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Optional;

/** Tenants in the {@code tenants} table. */
@Singleton
final class PostgresTenantRepository implements TenantRepository {
    private final Database db;
    private final ConfigurationCache cache;

    PostgresTenantRepository(Database db, ConfigurationCache cache) {
        this.db = db;
        this.cache = cache;
    }

    @Override
    public void save(Tenant tenant) {
        db.update("save a tenant", """
                INSERT INTO tenants (id, name, timezone, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, timezone = EXCLUDED.timezone""", ps -> {
            ps.setObject(1, tenant.id().value());
            ps.setString(2, tenant.name());
            ps.setString(3, tenant.timezone().getId());
            Columns.setInstant(ps, 4, tenant.createdAt());
        });
        cache.changed(tenant.id());
    }

    @Override
    public Optional<Tenant> findById(TenantId id) {
        return cache.read(new ConfigurationCache.Key("tenants", id, id),
                () -> db.first("find a tenant", "SELECT id, name, timezone, created_at FROM tenants WHERE id = ?",
                        ps -> ps.setObject(1, id.value()), PostgresTenantRepository::tenant));
    }

    @Override
    public long count() {
        return db.first("count tenants", "SELECT count(*) FROM tenants", ps -> {}, rs -> rs.getLong(1)).orElse(0L);
    }

    private static Tenant tenant(ResultSet rs) throws SQLException {
        return new Tenant(new TenantId(Columns.uuid(rs, "id")), rs.getString("name"),
                ZoneId.of(rs.getString("timezone")), Columns.instant(rs, "created_at"));
    }
}
