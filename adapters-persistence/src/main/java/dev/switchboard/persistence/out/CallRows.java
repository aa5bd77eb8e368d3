package dev.switchboard.persistence.out;

import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.assistant.Runtime;
import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallDirection;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.call.CallStatus;
import dev.switchboard.domain.phone.PhoneNumberId;
import dev.switchboard.domain.shared.Money;
import dev.switchboard.domain.shared.TenantId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** How a {@link Call} maps to a row of {@code calls}. */
final class CallRows {
    /** In binding order; {@code tenant_id} and {@code id} last, so an UPDATE can end with them as its WHERE. */
    static final String[] FIELDS = {"direction", "from_number", "to_number", "runtime", "assistant_id", "phone_number_id",
        "provider_call_id", "status", "created_at", "answered_at", "ended_at", "duration_seconds", "cost_amount",
        "cost_currency", "ended_reason", "recording_url", "summary", "tenant_id", "id"};
    static final String COLUMNS = String.join(", ", FIELDS);

    private CallRows() {}

    /** Binds every field of {@link #FIELDS} in order, from parameter 1. */
    static void bind(PreparedStatement ps, Call c) throws SQLException {
        int i = 1;
        ps.setString(i++, c.direction().name());
        ps.setString(i++, c.from());
        ps.setString(i++, c.to());
        ps.setString(i++, c.runtime().name());
        Columns.setUuid(ps, i++, c.assistantId() == null ? null : c.assistantId().value());
        Columns.setUuid(ps, i++, c.phoneNumberId() == null ? null : c.phoneNumberId().value());
        ps.setString(i++, c.providerCallId());
        ps.setString(i++, c.status().name());
        Columns.setInstant(ps, i++, c.createdAt());
        Columns.setInstant(ps, i++, c.answeredAt());
        Columns.setInstant(ps, i++, c.endedAt());
        Columns.setInteger(ps, i++, c.durationSeconds());
        ps.setBigDecimal(i++, c.cost() == null ? null : c.cost().amount());
        ps.setString(i++, c.cost() == null ? null : c.cost().currency());
        ps.setString(i++, c.endedReason());
        ps.setString(i++, c.recordingUrl());
        ps.setString(i++, c.summary());
        ps.setObject(i++, c.tenantId().value());
        ps.setObject(i, c.id().value());
    }

    static Call read(ResultSet rs) throws SQLException {
        var amount = rs.getBigDecimal("cost_amount");
        return new Call(new CallId(Columns.uuid(rs, "id")), new TenantId(Columns.uuid(rs, "tenant_id")),
                CallDirection.valueOf(rs.getString("direction")), rs.getString("from_number"), rs.getString("to_number"),
                Runtime.valueOf(rs.getString("runtime")), Columns.id(rs, "assistant_id", AssistantId::new),
                Columns.id(rs, "phone_number_id", PhoneNumberId::new), rs.getString("provider_call_id"),
                CallStatus.valueOf(rs.getString("status")), Columns.instant(rs, "created_at"),
                Columns.instant(rs, "answered_at"), Columns.instant(rs, "ended_at"), Columns.integer(rs, "duration_seconds"),
                amount == null ? null : new Money(amount, rs.getString("cost_currency")),
                rs.getString("ended_reason"), rs.getString("recording_url"), rs.getString("summary"));
    }
}
