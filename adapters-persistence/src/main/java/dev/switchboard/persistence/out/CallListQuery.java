package dev.switchboard.persistence.out;

import dev.switchboard.domain.call.Call;
import dev.switchboard.domain.call.CallQuery;
import dev.switchboard.domain.shared.Page;
import dev.switchboard.domain.shared.PageRequest;
import dev.switchboard.domain.shared.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of a tenant's calls, newest first, with the total. The WHERE clause holds only the
 * filters that are set, each as a bound parameter; the ordering matches the index
 * {@code calls_tenant_created_idx}.
 */
final class CallListQuery {
    private final StringBuilder where = new StringBuilder("tenant_id = ?");
    private final List<Object> values = new ArrayList<>();

    CallListQuery(TenantId tenant, CallQuery query) {
        values.add(tenant.value());
        if (query.status() != null) and("status = ?", query.status().name());
        if (query.direction() != null) and("direction = ?", query.direction().name());
        if (query.phoneNumberId() != null) and("phone_number_id = ?", query.phoneNumberId().value());
        if (query.from() != null) and("created_at >= ?", query.from());
        if (query.to() != null) and("created_at < ?", query.to());
        if (query.providerCallId() != null) and("provider_call_id = ?", query.providerCallId());
        if (query.verdict() != null) and("verdict = ?", query.verdict());
        if (query.reference() != null) and("EXISTS (SELECT 1 FROM outbound_calls o WHERE o.tenant_id = calls.tenant_id "
                + "AND o.call_id = calls.id AND o.reference = ?)", query.reference());
    }

    private void and(String condition, Object value) {
        where.append(" AND ").append(condition);
        values.add(value);
    }

    Page<Call> run(Connection c, PageRequest page) throws SQLException {
        long total = Database.list(c, "SELECT count(*) FROM calls WHERE " + where, this::bindFilters, rs -> rs.getLong(1)).get(0);
        var items = Database.list(c, "SELECT " + CallRows.COLUMNS + " FROM calls WHERE " + where
                + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?", ps -> {
            bindFilters(ps);
            ps.setInt(values.size() + 1, page.limit());
            ps.setInt(values.size() + 2, page.offset());
        }, CallRows::read);
        return new Page<>(items, total, page.offset(), page.limit());
    }

    private void bindFilters(PreparedStatement ps) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) instanceof Instant at) Columns.setInstant(ps, i + 1, at);
            else ps.setObject(i + 1, values.get(i));
        }
    }
}
