package dev.switchboard.persistence.out;

import dev.switchboard.domain.connection.Connection;
import dev.switchboard.domain.connection.ConnectionRepository;
import dev.switchboard.domain.connection.Provider;
import dev.switchboard.domain.connection.SealedSecret;
import dev.switchboard.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Provider connections in the {@code connections} table, one row per tenant and provider.
 * Secrets arrive sealed and are stored as their ciphertexts only.
 */
@Singleton
final class PostgresConnectionRepository implements ConnectionRepository {
    private static final String COLUMNS = "tenant_id, provider, settings, secrets, updated_at";

    private final Database db;
    private final JsonColumns json;
    private final ConfigurationCache cache;

    PostgresConnectionRepository(Database db, JsonColumns json, ConfigurationCache cache) {
        this.db = db;
        this.json = json;
        this.cache = cache;
    }

    @Override
    public void save(Connection connection) {
        var ciphertexts = new LinkedHashMap<String, String>();
        connection.secrets().forEach((field, sealed) -> ciphertexts.put(field, sealed.ciphertext()));
        db.update("save a connection", "INSERT INTO connections (" + COLUMNS + ") VALUES (?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?) " + """
                ON CONFLICT (tenant_id, provider) DO UPDATE SET settings = EXCLUDED.settings, secrets = EXCLUDED.secrets,
                    updated_at = EXCLUDED.updated_at""", ps -> {
            ps.setObject(1, connection.tenantId().value());
            ps.setString(2, connection.provider().name());
            ps.setString(3, json.write(connection.settings()));
            ps.setString(4, json.write(ciphertexts));
            Columns.setInstant(ps, 5, connection.updatedAt());
        });
        cache.changed(connection.tenantId());
    }

    @Override
    public Optional<Connection> find(TenantId tenantId, Provider provider) {
        return cache.read(new ConfigurationCache.Key("connections", tenantId, provider),
                () -> db.first("find a connection", "SELECT " + COLUMNS + " FROM connections WHERE tenant_id = ? AND provider = ?", ps -> {
                    ps.setObject(1, tenantId.value());
                    ps.setString(2, provider.name());
                }, this::connection));
    }

    @Override
    public List<Connection> list(TenantId tenantId) {
        return db.list("list connections", "SELECT " + COLUMNS + " FROM connections WHERE tenant_id = ? ORDER BY provider",
                ps -> ps.setObject(1, tenantId.value()), this::connection);
    }

    @Override
    public List<Connection> findBySetting(Provider provider, String name, String value) {
        // Across tenants, and the value comes from a request (an AccountSid): only found ones are kept.
        return cache.read(new ConfigurationCache.Key("connections", null, List.of(provider, name, value)),
                () -> db.list("find connections by a setting", "SELECT " + COLUMNS + " FROM connections WHERE provider = ? "
                        + "AND settings ->> ? = ? ORDER BY tenant_id", ps -> {
                    ps.setString(1, provider.name());
                    ps.setString(2, name);
                    ps.setString(3, value);
                }, this::connection), found -> !found.isEmpty());
    }

    @Override
    public List<Connection> listAcrossTenants() {
        return db.list("list every tenant's connections", "SELECT " + COLUMNS + " FROM connections ORDER BY tenant_id, provider",
                ps -> { }, this::connection);
    }

    @Override
    public boolean delete(TenantId tenantId, Provider provider) {
        boolean deleted = db.update("delete a connection", "DELETE FROM connections WHERE tenant_id = ? AND provider = ?", ps -> {
            ps.setObject(1, tenantId.value());
            ps.setString(2, provider.name());
        }) > 0;
        cache.changed(tenantId);
        return deleted;
    }

    private Connection connection(ResultSet rs) throws SQLException {
        var settings = new LinkedHashMap<String, String>();
        json.readObject(rs.getString("settings")).forEach((k, v) -> settings.put(k, String.valueOf(v)));
        var secrets = new LinkedHashMap<String, SealedSecret>();
        json.readObject(rs.getString("secrets")).forEach((k, v) -> secrets.put(k, new SealedSecret(String.valueOf(v))));
        return new Connection(new TenantId(Columns.uuid(rs, "tenant_id")), Provider.valueOf(rs.getString("provider")),
                Map.copyOf(settings), secrets, Columns.instant(rs, "updated_at"));
    }
}
