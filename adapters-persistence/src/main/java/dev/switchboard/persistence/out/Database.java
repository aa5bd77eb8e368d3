package dev.switchboard.persistence.out;

import dev.switchboard.domain.shared.PortFailure;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.exceptions.TransactionException;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs JDBC work in a Micronaut Data transaction and turns what goes wrong into the domain's
 * vocabulary: the repositories translate the violations they expect (a taken e-mail, an
 * overlapping slot) themselves; anything else becomes a {@link PortFailure}.
 */
@Singleton
final class Database {
    private final TransactionOperations<Connection> transactions;

    Database(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Every row the query returns, in its order. */
    <T> List<T> list(String what, String sql, Statement.Binder binder, Statement.RowReader<T> reader) {
        return read(what, c -> list(c, sql, binder, reader));
    }

    /** The first row, if any. */
    <T> Optional<T> first(String what, String sql, Statement.Binder binder, Statement.RowReader<T> reader) {
        return read(what, c -> list(c, sql, binder, reader).stream().findFirst());
    }

    /** @return how many rows changed */
    int update(String what, String sql, Statement.Binder binder) {
        return write(what, c -> update(c, sql, binder));
    }

    /** As {@link #update}, for a call's records: see {@link #record}. */
    int recordUpdate(String what, String sql, Statement.Binder binder) {
        return record(what, c -> update(c, sql, binder));
    }

    /**
     * Writes a call's own records (the call, its timeline, transcript and socket claim) without
     * waiting at commit for the write-ahead log to reach the disk ({@code synchronous_commit =
     * off} for this transaction only). Issue 12's profile found every webhook and socket setup
     * waiting 20-70 ms per commit for the disk's flush. The data stays consistent; what PostgreSQL
     * itself crashing can lose is the last few hundred milliseconds of these commits (three times
     * its {@code wal_writer_delay}), never a booking, a message or a setting, whose commits still
     * wait for the disk (docs/deployment.md).
     */
    <R> R record(String what, SqlWork<R> work) {
        return write(what, c -> {
            try (var s = c.createStatement()) {
                s.execute("SET LOCAL synchronous_commit TO OFF");
            }
            return work.run(c);
        });
    }

    static <T> List<T> list(Connection c, String sql, Statement.Binder binder, Statement.RowReader<T> reader) throws SQLException {
        try (var ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (var rs = ps.executeQuery()) {
                var rows = new ArrayList<T>();
                while (rs.next()) rows.add(reader.read(rs));
                return rows;
            }
        }
    }

    static int update(Connection c, String sql, Statement.Binder binder) throws SQLException {
        try (var ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
    }

    <R> R read(String what, SqlWork<R> work) {
        return run(what, true, work);
    }

    <R> R write(String what, SqlWork<R> work) {
        return run(what, false, work);
    }

    private <R> R run(String what, boolean readOnly, SqlWork<R> work) {
        try {
            // The SQLException is translated inside the callback so that the transaction sees
            // an unchecked exception and rolls back.
            return readOnly
                    ? transactions.executeRead(status -> call(what, work, status.getConnection()))
                    : transactions.executeWrite(status -> call(what, work, status.getConnection()));
        } catch (DataAccessException | TransactionException | ConnectionException | CannotGetJdbcConnectionException e) {
            throw new PortFailure(PortFailure.Category.UNAVAILABLE, "database unavailable while trying to " + what, e);
        }
    }

    private static <R> R call(String what, SqlWork<R> work, Connection connection) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw SqlFailures.translate(what, e);
        }
    }
}
