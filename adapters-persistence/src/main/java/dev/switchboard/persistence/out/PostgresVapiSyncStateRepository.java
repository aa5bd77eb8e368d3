package dev.switchboard.persistence.out;

import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.studio.SyncStatus;
import dev.switchboard.domain.studio.VapiSyncState;
import dev.switchboard.domain.studio.VapiSyncStateRepository;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Vapi sync states in the {@code vapi_sync_states} table (V10), one row per assistant. */
@Singleton
final class PostgresVapiSyncStateRepository implements VapiSyncStateRepository {
    private static final String COLUMNS = "tenant_id, assistant_id, status, at, error, vapi_assistant_id, config_version, config_hash";

    private final Database db;

    PostgresVapiSyncStateRepository(Database db) {
        this.db = db;
    }

    @Override
    public void save(VapiSyncState s) {
        db.update("save a Vapi sync state", "INSERT INTO vapi_sync_states (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) " + """
                ON CONFLICT (tenant_id, assistant_id) DO UPDATE SET status = EXCLUDED.status, at = EXCLUDED.at,
                    error = EXCLUDED.error, vapi_assistant_id = EXCLUDED.vapi_assistant_id,
                    config_version = EXCLUDED.config_version, config_hash = EXCLUDED.config_hash""", ps -> {
            ps.setObject(1, s.tenantId().value());
            ps.setObject(2, s.assistantId().value());
            ps.setString(3, s.status().name());
            Columns.setInstant(ps, 4, s.at());
            ps.setString(5, s.error());
            ps.setString(6, s.vapiAssistantId());
            ps.setString(7, s.configVersion());
            ps.setString(8, s.configHash());
        });
    }

    @Override
    public Optional<VapiSyncState> find(TenantId tenantId, AssistantId assistantId) {
        return db.first("find a Vapi sync state", "SELECT " + COLUMNS + " FROM vapi_sync_states WHERE tenant_id = ? AND assistant_id = ?", ps -> {
            ps.setObject(1, tenantId.value());
            ps.setObject(2, assistantId.value());
        }, PostgresVapiSyncStateRepository::state);
    }

    @Override
    public List<VapiSyncState> list(TenantId tenantId) {
        return db.list("list Vapi sync states", "SELECT " + COLUMNS + " FROM vapi_sync_states WHERE tenant_id = ? ORDER BY assistant_id",
                ps -> ps.setObject(1, tenantId.value()), PostgresVapiSyncStateRepository::state);
    }

    @Override
    public Optional<VapiSyncState> findByVapiAssistantId(TenantId tenantId, String vapiAssistantId) {
        return db.first("find a Vapi sync state by Vapi id",
                "SELECT " + COLUMNS + " FROM vapi_sync_states WHERE tenant_id = ? AND vapi_assistant_id = ? ORDER BY at DESC", ps -> {
                    ps.setObject(1, tenantId.value());
                    ps.setString(2, vapiAssistantId);
                }, PostgresVapiSyncStateRepository::state);
    }

    private static VapiSyncState state(ResultSet rs) throws SQLException {
        return new VapiSyncState(new TenantId(Columns.uuid(rs, "tenant_id")), new AssistantId(Columns.uuid(rs, "assistant_id")),
                SyncStatus.valueOf(rs.getString("status")), Columns.instant(rs, "at"), rs.getString("error"),
                rs.getString("vapi_assistant_id"), rs.getString("config_version"), rs.getString("config_hash"));
    }
}
