package dev.switchboard.persistence.out;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Function;

/**
 * Conversions between JDBC columns and Java values that appear in every repository. Instants go
 * through {@link OffsetDateTime} in UTC, which pgjdbc maps to {@code timestamptz} exactly.
 */
final class Columns {
    private Columns() {}

    /**
     * Binds each column as a {@code text[]} parameter, from the first placeholder on: the statement
     * casts each to its column's array type. Text in, so every type binds the same way and nothing
     * depends on the driver's array support for uuid or timestamptz.
     */
    static void setTextArrays(PreparedStatement ps, String[]... columns) throws SQLException {
        for (int i = 0; i < columns.length; i++) ps.setArray(i + 1, ps.getConnection().createArrayOf("text", columns[i]));
    }

    static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
        if (value == null) ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        else ps.setObject(index, value.atOffset(ZoneOffset.UTC));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static void setUuid(PreparedStatement ps, int index, UUID value) throws SQLException {
        if (value == null) ps.setNull(index, Types.OTHER);
        else ps.setObject(index, value);
    }

    static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    /** A nullable value wrapped in its id type, e.g. {@code AssistantId::new}. */
    static <T> T id(ResultSet rs, String column, Function<UUID, T> wrap) throws SQLException {
        var value = uuid(rs, column);
        return value == null ? null : wrap.apply(value);
    }

    static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) ps.setNull(index, Types.INTEGER);
        else ps.setInt(index, value);
    }
}
