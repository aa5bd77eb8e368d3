package dev.switchboard.app.security;

import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tenant.Role;
import dev.switchboard.domain.tenant.Tenant;
import dev.switchboard.domain.tenant.TenantRepository;
import dev.switchboard.domain.tenant.User;
import dev.switchboard.domain.tenant.UserId;
import dev.switchboard.domain.tenant.UserRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZoneId;

/** Creates a tenant and its owner together: both rows, or neither. */
@Singleton
public class SignUp {
    /** What a new business gives us. */
    public record Command(String tenantName, ZoneId timezone, String email, String password) {
        @Override
        public String toString() {
            return "SignUp.Command[tenantName=" + tenantName + ", timezone=" + timezone + ", email=" + email + ", password=***]";
        }
    }

    private final TenantRepository tenants;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Clock clock;

    SignUp(TenantRepository tenants, UserRepository users, PasswordHasher hasher, Clock clock) {
        this.tenants = tenants;
        this.users = users;
        this.hasher = hasher;
        this.clock = clock;
    }

    /** @throws UserRepository.EmailAlreadyUsed and writes nothing if the e-mail is taken */
    @Transactional
    public User signUp(Command command) {
        var now = clock.instant();
        var tenant = new Tenant(TenantId.random(), command.tenantName(), command.timezone(), now);
        tenants.save(tenant);
        var owner = new User(UserId.random(), tenant.id(), command.email(), hasher.hash(command.password()), Role.OWNER, now);
        users.add(owner);
        return owner;
    }
}
