package dev.switchboard.persistence.out;

import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.modelcall.DeliveryLedger;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;

/**
 * The delivery ledger (today only Vapi's messages) in {@code vapi_message_ledger} (V11, lease V16).
 * A claim is an {@code INSERT … ON CONFLICT}: PostgreSQL lets exactly one of concurrent inserts of
 * a key through (the others wait for it to commit, then see the conflict), and takes over an
 * expired lease with a conditional update of the conflicting row.
 */
@Singleton
final class PostgresVapiMessageLedger implements DeliveryLedger {
    private final Database db;

    PostgresVapiMessageLedger(Database db) {
        this.db = db;
    }

    /**
     * Inserts the claim, or takes over one whose lease ran out (neither applied nor answered). Of
     * concurrent takeovers, the first UPDATE locks the row and renews {@code claimed_at}; the
     * others then see a live lease and change nothing.
     */
    @Override
    public boolean claim(TenantId tenant, String providerCallId, String key, Instant at) {
        return db.update("claim a Vapi message", """
                INSERT INTO vapi_message_ledger (tenant_id, vapi_call_id, message_key, claimed_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant_id, vapi_call_id, message_key) DO UPDATE SET claimed_at = EXCLUDED.claimed_at
                WHERE vapi_message_ledger.applied_at IS NULL AND vapi_message_ledger.answered_at IS NULL
                  AND vapi_message_ledger.claimed_at <= EXCLUDED.claimed_at - make_interval(secs => ?)""", ps -> {
            ps.setObject(1, tenant.value());
            ps.setString(2, providerCallId);
            ps.setString(3, key);
            Columns.setInstant(ps, 4, at);
            ps.setLong(5, DeliveryLedger.CLAIM_LEASE.toSeconds());
        }) == 1;
    }

    @Override
    public void applied(TenantId tenant, String providerCallId, String key, Instant at) {
        db.update("mark a Vapi message applied", """
                UPDATE vapi_message_ledger SET applied_at = ?
                WHERE tenant_id = ? AND vapi_call_id = ? AND message_key = ? AND applied_at IS NULL""", ps -> {
            Columns.setInstant(ps, 1, at);
            ps.setObject(2, tenant.value());
            ps.setString(3, providerCallId);
            ps.setString(4, key);
        });
    }

    @Override
    public void release(TenantId tenant, String providerCallId, String key) {
        db.update("release a Vapi message claim", """
                DELETE FROM vapi_message_ledger WHERE tenant_id = ? AND vapi_call_id = ? AND message_key = ? AND answered_at IS NULL""", ps -> {
            ps.setObject(1, tenant.value());
            ps.setString(2, providerCallId);
            ps.setString(3, key);
        });
    }

    @Override
    public void recordResult(TenantId tenant, String providerCallId, String key, DeliveryLedger.ToolAnswer answer, Instant at) {
        db.update("store a Vapi tool result", """
                INSERT INTO vapi_message_ledger (tenant_id, vapi_call_id, message_key, claimed_at, answered_at,
                    tool_call_id, tool_name, result, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, vapi_call_id, message_key) DO UPDATE SET answered_at = EXCLUDED.answered_at,
                    tool_call_id = EXCLUDED.tool_call_id, tool_name = EXCLUDED.tool_name,
                    result = EXCLUDED.result, error = EXCLUDED.error
                WHERE vapi_message_ledger.answered_at IS NULL""", ps -> {
            ps.setObject(1, tenant.value());
            ps.setString(2, providerCallId);
            ps.setString(3, key);
            Columns.setInstant(ps, 4, at);
            Columns.setInstant(ps, 5, at);
            ps.setString(6, answer.toolCallId());
            ps.setString(7, answer.name());
            ps.setString(8, answer.result());
            ps.setString(9, answer.error());
        });
    }

    @Override
    public Optional<DeliveryLedger.ToolAnswer> result(TenantId tenant, String providerCallId, String key) {
        return db.first("read a Vapi tool result", """
                SELECT tool_call_id, tool_name, result, error FROM vapi_message_ledger
                WHERE tenant_id = ? AND vapi_call_id = ? AND message_key = ? AND answered_at IS NOT NULL""", ps -> {
            ps.setObject(1, tenant.value());
            ps.setString(2, providerCallId);
            ps.setString(3, key);
        }, rs -> new DeliveryLedger.ToolAnswer(rs.getString("tool_call_id"), rs.getString("tool_name"), rs.getString("result"), rs.getString("error")));
    }
}
