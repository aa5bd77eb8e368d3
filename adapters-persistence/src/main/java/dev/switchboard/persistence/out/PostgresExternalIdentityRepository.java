package dev.switchboard.persistence.out;

import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tenant.ExternalIdentity;
import dev.switchboard.domain.tenant.ExternalIdentityRepository;
import dev.switchboard.domain.tenant.Role;
import dev.switchboard.domain.tenant.User;
import dev.switchboard.domain.tenant.UserId;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Links in {@code external_identities}; a link goes when its user does (foreign key, cascade). */
@Singleton
final class PostgresExternalIdentityRepository implements ExternalIdentityRepository {
    private final Database db;

    PostgresExternalIdentityRepository(Database db) {
        this.db = db;
    }

    @Override
    public void link(ExternalIdentity identity) {
        db.write("link an external identity", c -> {
            try {
                return Database.update(c, "INSERT INTO external_identities (issuer, subject, tenant_id, user_id, linked_at) "
                        + "VALUES (?, ?, ?, ?, ?)", ps -> {
                    ps.setString(1, identity.issuer());
                    ps.setString(2, identity.subject());
                    ps.setObject(3, identity.tenantId().value());
                    ps.setObject(4, identity.userId().value());
                    Columns.setInstant(ps, 5, identity.linkedAt());
                });
            } catch (SQLException e) {
                if (SqlFailures.violates(e, SqlFailures.UNIQUE_VIOLATION, null)) throw new SubjectAlreadyLinked(identity.subject());
                throw e;
            }
        });
    }

    @Override
    public Optional<User> userFor(String issuer, String subject) {
        return db.first("find the user of an external identity", """
                SELECT u.id, u.tenant_id, u.email, u.password_hash, u.role, u.created_at
                FROM external_identities x JOIN users u ON u.tenant_id = x.tenant_id AND u.id = x.user_id
                WHERE x.issuer = ? AND x.subject = ?""", ps -> {
            ps.setString(1, issuer);
            ps.setString(2, subject);
        }, rs -> new User(new UserId(Columns.uuid(rs, "id")), new TenantId(Columns.uuid(rs, "tenant_id")), rs.getString("email"),
                rs.getString("password_hash"), Role.valueOf(rs.getString("role")), Columns.instant(rs, "created_at")));
    }

    @Override
    public List<ExternalIdentity> list(TenantId tenantId) {
        return db.list("list external identities", "SELECT issuer, subject, tenant_id, user_id, linked_at FROM external_identities "
                + "WHERE tenant_id = ? ORDER BY linked_at, subject", ps -> ps.setObject(1, tenantId.value()),
                PostgresExternalIdentityRepository::identity);
    }

    @Override
    public boolean unlink(TenantId tenantId, String issuer, String subject) {
        return db.update("unlink an external identity", "DELETE FROM external_identities WHERE tenant_id = ? AND issuer = ? AND subject = ?",
                ps -> {
                    ps.setObject(1, tenantId.value());
                    ps.setString(2, issuer);
                    ps.setString(3, subject);
                }) > 0;
    }

    private static ExternalIdentity identity(ResultSet rs) throws SQLException {
        return new ExternalIdentity(rs.getString("issuer"), rs.getString("subject"), new TenantId(Columns.uuid(rs, "tenant_id")),
                new UserId(Columns.uuid(rs, "user_id")), Columns.instant(rs, "linked_at"));
    }
}
