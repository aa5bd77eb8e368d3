package dev.switchboard.persistence.out;

import dev.switchboard.domain.call.CallDirection;
import dev.switchboard.domain.call.CallStats;
import dev.switchboard.domain.call.CallStatus;
import dev.switchboard.domain.shared.TenantId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tenant's call statistics over [from, to). PostgreSQL groups by status, direction and local
 * day, which leaves at most a few rows per day to fold into the totals here.
 */
final class CallStatsQuery {
    private final TenantId tenant;
    private final Instant from;
    private final Instant to;
    private final ZoneId zone;

    CallStatsQuery(TenantId tenant, Instant from, Instant to, ZoneId zone) {
        this.tenant = tenant;
        this.from = from;
        this.to = to;
        this.zone = zone;
    }

    CallStats run(Connection c) throws SQLException {
        // PostgreSQL reads "+01:00" in AT TIME ZONE as a POSIX zone (sign inverted), so fixed
        // offsets are added as an interval and only region ids go through AT TIME ZONE.
        boolean fixed = zone.normalized() instanceof ZoneOffset;
        var day = fixed ? "((created_at AT TIME ZONE 'UTC') + make_interval(secs => ?))::date" : "(created_at AT TIME ZONE ?)::date";
        var sql = "SELECT status, direction, " + day + " AS day, count(*) AS calls, "
                + "count(duration_seconds) AS timed, coalesce(sum(duration_seconds), 0) AS seconds "
                + "FROM calls WHERE tenant_id = ? AND created_at >= ? AND created_at < ? GROUP BY 1, 2, 3";
        var groups = Database.list(c, sql, ps -> {
            if (fixed) ps.setInt(1, ((ZoneOffset) zone.normalized()).getTotalSeconds());
            else ps.setString(1, zone.getId());
            ps.setObject(2, tenant.value());
            Columns.setInstant(ps, 3, from);
            Columns.setInstant(ps, 4, to);
        }, rs -> new Group(CallStatus.valueOf(rs.getString("status")), CallDirection.valueOf(rs.getString("direction")),
                rs.getObject("day", LocalDate.class), rs.getLong("calls"), rs.getLong("timed"), rs.getLong("seconds")));
        var totals = new Totals();
        groups.forEach(totals::add);
        return totals.stats();
    }

    /** One row of the GROUP BY: calls of one status and direction on one local day. */
    private record Group(CallStatus status, CallDirection direction, LocalDate day, long calls, long timed, long seconds) {}

    /** Folds grouped rows into the record's maps and per-day list. */
    private static final class Totals {
        private final Map<CallStatus, Long> byStatus = new EnumMap<>(CallStatus.class);
        private final Map<CallDirection, Long> byDirection = new EnumMap<>(CallDirection.class);
        private final TreeMap<LocalDate, long[]> days = new TreeMap<>();
        private long calls;
        private long timed;
        private long seconds;

        void add(Group g) {
            calls += g.calls();
            timed += g.timed();
            seconds += g.seconds();
            byStatus.merge(g.status(), g.calls(), Long::sum);
            byDirection.merge(g.direction(), g.calls(), Long::sum);
            var day = days.computeIfAbsent(g.day(), d -> new long[2]);
            day[0] += g.calls();
            day[1] += g.seconds();
        }

        CallStats stats() {
            var perDay = new ArrayList<CallStats.Day>();
            days.forEach((date, v) -> perDay.add(new CallStats.Day(date, v[0], v[1])));
            return new CallStats(calls, byStatus, byDirection, seconds, timed == 0 ? 0 : (double) seconds / timed, perDay);
        }
    }
}
