package dev.switchboard.persistence.out;

import java.sql.Connection;
import java.sql.SQLException;

/** A piece of JDBC work run on the transaction's connection. */
@FunctionalInterface
interface SqlWork<R> {
    R run(Connection connection) throws SQLException;
}
