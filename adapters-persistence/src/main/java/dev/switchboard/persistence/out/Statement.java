package dev.switchboard.persistence.out;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The two halves of a JDBC statement a repository writes: binding parameters, reading rows. */
final class Statement {
    private Statement() {}

    /** Sets the statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Turns the current row into a value. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }
}
