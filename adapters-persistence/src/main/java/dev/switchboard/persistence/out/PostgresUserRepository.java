package dev.switchboard.persistence.out;

import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tenant.Role;
import dev.switchboard.domain.tenant.User;
import dev.switchboard.domain.tenant.UserId;
import dev.switchboard.domain.tenant.UserRepository;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Users in the {@code users} table; the e-mail is unique platform-wide. */
@Singleton
final class PostgresUserRepository implements UserRepository {
    private static final String COLUMNS = "id, tenant_id, email, password_hash, role, created_at";

    private final Database db;

    PostgresUserRepository(Database db) {
        this.db = db;
    }

    @Override
    public void add(User user) {
        db.write("add a user", c -> {
            try {
                return Database.update(c, "INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setObject(1, user.id().value());
                    ps.setObject(2, user.tenantId().value());
                    ps.setString(3, user.email());
                    ps.setString(4, user.passwordHash());
                    ps.setString(5, user.role().name());
                    Columns.setInstant(ps, 6, user.createdAt());
                });
            } catch (SQLException e) {
                if (SqlFailures.violates(e, SqlFailures.UNIQUE_VIOLATION, "users_email_key")) throw new EmailAlreadyUsed(user.email());
                if (SqlFailures.violates(e, SqlFailures.UNIQUE_VIOLATION, null)) throw new IllegalArgumentException("user exists: " + user.id(), e);
                throw e;
            }
        });
    }

    @Override
    public Optional<User> findByEmail(String email) {
        if (email == null || email.isBlank()) return Optional.empty();
        // User.normalizeEmail's rule, without its exception for a malformed address: not found.
        var normalized = email.strip().toLowerCase(Locale.ROOT);
        return db.first("find a user by e-mail", "SELECT " + COLUMNS + " FROM users WHERE email = ?",
                ps -> ps.setString(1, normalized), PostgresUserRepository::user);
    }

    @Override
    public List<User> listByTenant(TenantId tenantId) {
        return db.list("list users", "SELECT " + COLUMNS + " FROM users WHERE tenant_id = ? ORDER BY created_at, email",
                ps -> ps.setObject(1, tenantId.value()), PostgresUserRepository::user);
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(new UserId(Columns.uuid(rs, "id")), new TenantId(Columns.uuid(rs, "tenant_id")), rs.getString("email"),
                rs.getString("password_hash"), Role.valueOf(rs.getString("role")), Columns.instant(rs, "created_at"));
    }
}
