package dev.switchboard.persistence.out;

import dev.switchboard.domain.shared.PortFailure;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;

/** Reads PostgreSQL errors: which SQLState, which constraint, and what the domain calls it. */
final class SqlFailures {
    static final String UNIQUE_VIOLATION = "23505";
    static final String FOREIGN_KEY_VIOLATION = "23503";
    static final String EXCLUSION_VIOLATION = "23P01";
    private static final String QUERY_CANCELED = "57014";

    private SqlFailures() {}

    /** Whether {@code e} is the violation of this constraint (a name from the Flyway migrations). */
    static boolean violates(SQLException e, String sqlState, String constraint) {
        if (!sqlState.equals(e.getSQLState())) return false;
        if (constraint == null) return true;
        return e instanceof PSQLException p && p.getServerErrorMessage() != null
                && constraint.equals(p.getServerErrorMessage().getConstraint());
    }

    /** An error no repository expected; the message names the work, never the row's data. */
    static PortFailure translate(String what, SQLException e) {
        var state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals(QUERY_CANCELED))
            return new PortFailure(PortFailure.Category.TIMEOUT, "database timed out while trying to " + what, e);
        // Class 22 (data exception: a NUL byte, a bad encoding…) and 54000 (a value too large for an
        // index) are the input's fault, not the database's: say so instead of "unavailable".
        if (state.startsWith("22") || state.equals("54000"))
            return new PortFailure(PortFailure.Category.BAD_REQUEST, "the database refused a value while trying to " + what
                    + " (SQLState " + state + ")", e);
        if (state.equals(FOREIGN_KEY_VIOLATION))
            return new PortFailure(PortFailure.Category.NOT_FOUND, "cannot " + what + ": what it refers to does not exist", e);
        return new PortFailure(PortFailure.Category.UNAVAILABLE, "database failed while trying to " + what + " (SQLState " + state + ")", e);
    }
}
