package dev.switchboard.persistence.out;

import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.assistant.Interruptibility;
import dev.switchboard.domain.assistant.AssistantRepository;
import dev.switchboard.domain.assistant.Runtime;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.TenantId;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Assistants in the {@code assistants} table; nested settings are JSONB, enabled tools a text
 * array. Deleting one detaches its phone numbers through {@code ON DELETE SET NULL}.
 */
@Singleton
final class PostgresAssistantRepository implements AssistantRepository {
    private static final String COLUMNS = "id, tenant_id, name, persona, system_prompt, first_message, language, voice, "
            + "transcriber, model, enabled_tools, dtmf_policy, transfer_number, runtime, created_at, updated_at, interruptible, recording, outbound";

    private static final String UPSERT = "INSERT INTO assistants (" + COLUMNS + ") "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS jsonb), ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, CAST(? AS jsonb)) "
            + """
            ON CONFLICT (tenant_id, id) DO UPDATE SET name = EXCLUDED.name, persona = EXCLUDED.persona,
                system_prompt = EXCLUDED.system_prompt, first_message = EXCLUDED.first_message, language = EXCLUDED.language,
                voice = EXCLUDED.voice, transcriber = EXCLUDED.transcriber, model = EXCLUDED.model,
                enabled_tools = EXCLUDED.enabled_tools, dtmf_policy = EXCLUDED.dtmf_policy,
                transfer_number = EXCLUDED.transfer_number, runtime = EXCLUDED.runtime,
                created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at, interruptible = EXCLUDED.interruptible,
                recording = EXCLUDED.recording,
                outbound = EXCLUDED.outbound""";

    private final Database db;
    private final JsonColumns json;
    private final ConfigurationCache cache;

    PostgresAssistantRepository(Database db, JsonColumns json, ConfigurationCache cache) {
        this.db = db;
        this.json = json;
        this.cache = cache;
    }

    @Override
    public void save(Assistant a) {
        db.write("save an assistant", c -> {
            try {
                return Database.update(c, UPSERT, ps -> bind(ps, a));
            } catch (SQLException e) {
                if (SqlFailures.violates(e, SqlFailures.UNIQUE_VIOLATION, "assistants_id_key"))
                    throw new IllegalArgumentException("assistant id belongs to another tenant: " + a.id(), e);
                throw e;
            }
        });
        cache.changed(a.tenantId());
    }

    private void bind(PreparedStatement ps, Assistant a) throws SQLException {
        ps.setObject(1, a.id().value());
        ps.setObject(2, a.tenantId().value());
        ps.setString(3, a.name());
        ps.setString(4, a.persona());
        ps.setString(5, a.systemPrompt());
        ps.setString(6, a.firstMessage());
        ps.setString(7, a.language());
        ps.setString(8, json.write(AssistantSettingsJson.voice(a.voice())));
        ps.setString(9, json.write(AssistantSettingsJson.transcriber(a.transcriber())));
        ps.setString(10, json.write(AssistantSettingsJson.model(a.model())));
        ps.setArray(11, ps.getConnection().createArrayOf("text", a.enabledTools().stream().sorted().toArray()));
        ps.setString(12, json.write(AssistantSettingsJson.dtmf(a.dtmfPolicy())));
        ps.setString(13, a.transferNumber() == null ? null : a.transferNumber().value());
        ps.setString(14, a.runtime().name());
        Columns.setInstant(ps, 15, a.createdAt());
        Columns.setInstant(ps, 16, a.updatedAt());
        ps.setString(17, a.interruptible().name());
        ps.setBoolean(18, a.recording());
        ps.setString(19, json.write(AssistantSettingsJson.outbound(a.outbound())));
    }

    @Override
    public Optional<Assistant> findById(TenantId tenantId, AssistantId id) {
        return cache.read(new ConfigurationCache.Key("assistants", tenantId, id),
                () -> db.first("find an assistant", "SELECT " + COLUMNS + " FROM assistants WHERE tenant_id = ? AND id = ?", ps -> {
                    ps.setObject(1, tenantId.value());
                    ps.setObject(2, id.value());
                }, this::assistant));
    }

    @Override
    public List<Assistant> list(TenantId tenantId) {
        return db.list("list assistants", "SELECT " + COLUMNS + " FROM assistants WHERE tenant_id = ? ORDER BY name, id",
                ps -> ps.setObject(1, tenantId.value()), this::assistant);
    }

    @Override
    public boolean delete(TenantId tenantId, AssistantId id) {
        boolean deleted = db.update("delete an assistant", "DELETE FROM assistants WHERE tenant_id = ? AND id = ?", ps -> {
            ps.setObject(1, tenantId.value());
            ps.setObject(2, id.value());
        }) > 0;
        cache.changed(tenantId);
        return deleted;
    }

    private Assistant assistant(ResultSet rs) throws SQLException {
        var transfer = rs.getString("transfer_number");
        return new Assistant(new AssistantId(Columns.uuid(rs, "id")), new TenantId(Columns.uuid(rs, "tenant_id")),
                rs.getString("name"), rs.getString("persona"), rs.getString("system_prompt"), rs.getString("first_message"),
                rs.getString("language"),
                AssistantSettingsJson.voice(json.readObject(rs.getString("voice"))),
                AssistantSettingsJson.transcriber(json.readObject(rs.getString("transcriber"))),
                AssistantSettingsJson.model(json.readObject(rs.getString("model"))),
                Set.of((String[]) rs.getArray("enabled_tools").getArray()),
                AssistantSettingsJson.dtmf(json.readObject(rs.getString("dtmf_policy"))),
                Interruptibility.valueOf(rs.getString("interruptible")),
                transfer == null ? null : new E164Number(transfer),
                Runtime.valueOf(rs.getString("runtime")),
                Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at"), rs.getBoolean("recording"),
                AssistantSettingsJson.outbound(json.readObject(rs.getString("outbound"))));
    }
}
