package dev.switchboard.persistence.out;

import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.vapi.VapiMessageLedger;
import dev.switchboard.domain.vapi.VapiReply;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;

/**
 * The Vapi message ledger in {@code vapi_message_ledger} (V11). A claim is an
 * {@code INSERT … ON CONFLICT DO NOTHING}: PostgreSQL lets exactly one of concurrent inserts of a
 * key through (the others wait for it to commit, then see the conflict).
 */
@Singleton
final class PostgresVapiMessageLedger implements VapiMessageLedger {
    private final Database db;

    PostgresVapiMessageLedger(Database db) {
        this.db = db;
    }

    @Override
    public boolean claim(TenantId tenant, String vapiCallId, String key, Instant at) {
        return db.update("claim a Vapi message", """
                INSERT INTO vapi_message_ledger (tenant_id, vapi_call_id, message_key, claimed_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant_id, vapi_call_id, message_key) DO NOTHING""", ps -> {
            ps.setObject(1, tenant.value());
            ps.setString(2, vapiCallId);
            ps.setString(3, key);
            Columns.setInstant(ps, 4, at);
        }) == 1;
    }

    @Override
    public void release(TenantId tenant, String vapiCallId, String key) {
        db.update("release a Vapi message claim", """
                DELETE FROM vapi_message_ledger WHERE tenant_id = ? AND vapi_call_id = ? AND message_key = ? AND answered_at IS NULL""", ps -> {
            ps.setObject(1, tenant.value());
            ps.setString(2, vapiCallId);
            ps.setString(3, key);
        });
    }

    @Override
    public void recordResult(TenantId tenant, String vapiCallId, String key, VapiReply.ToolResult result, Instant at) {
        db.update("store a Vapi tool result", """
                INSERT INTO vapi_message_ledger (tenant_id, vapi_call_id, message_key, claimed_at, answered_at,
                    tool_call_id, tool_name, result, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, vapi_call_id, message_key) DO UPDATE SET answered_at = EXCLUDED.answered_at,
                    tool_call_id = EXCLUDED.tool_call_id, tool_name = EXCLUDED.tool_name,
                    result = EXCLUDED.result, error = EXCLUDED.error
                WHERE vapi_message_ledger.answered_at IS NULL""", ps -> {
            ps.setObject(1, tenant.value());
            ps.setString(2, vapiCallId);
            ps.setString(3, key);
            Columns.setInstant(ps, 4, at);
            Columns.setInstant(ps, 5, at);
            ps.setString(6, result.toolCallId());
            ps.setString(7, result.name());
            ps.setString(8, result.result());
            ps.setString(9, result.error());
        });
    }

    @Override
    public Optional<VapiReply.ToolResult> result(TenantId tenant, String vapiCallId, String key) {
        return db.first("read a Vapi tool result", """
                SELECT tool_call_id, tool_name, result, error FROM vapi_message_ledger
                WHERE tenant_id = ? AND vapi_call_id = ? AND message_key = ? AND answered_at IS NOT NULL""", ps -> {
            ps.setObject(1, tenant.value());
            ps.setString(2, vapiCallId);
            ps.setString(3, key);
        }, rs -> new VapiReply.ToolResult(rs.getString("tool_call_id"), rs.getString("tool_name"), rs.getString("result"), rs.getString("error")));
    }
}
