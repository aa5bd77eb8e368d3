package dev.switchboard.domain.tenant;

import static dev.switchboard.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.Fixtures;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link UserRepository} does. */
public abstract class UserRepositoryContract {
    protected abstract TenantRepository tenants();

    protected abstract UserRepository users();

    private static String email() {
        return "owner-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void adds_and_finds_by_email_case_insensitively() {
        var tenant = Fixtures.tenant("Salon");
        tenants().save(tenant);
        var email = email();
        var user = new User(UserId.random(), tenant.id(), email, "hash$abc", Role.OWNER, T0);
        users().add(user);
        assertThat(users().findByEmail(email.toUpperCase())).contains(user);
        assertThat(users().listByTenant(tenant.id())).containsExactly(user);
    }

    @Test
    void an_email_belongs_to_one_user_only() {
        var a = Fixtures.tenant("A");
        var b = Fixtures.tenant("B");
        tenants().save(a);
        tenants().save(b);
        var email = email();
        users().add(new User(UserId.random(), a.id(), email, "h1", Role.OWNER, T0));
        assertThatThrownBy(() -> users().add(new User(UserId.random(), b.id(), email, "h2", Role.OWNER, T0)))
                .isInstanceOf(UserRepository.EmailAlreadyUsed.class);
        assertThat(users().listByTenant(b.id())).isEmpty();
    }

    @Test
    void unknown_email_is_not_found() {
        assertThat(users().findByEmail(email())).isEmpty();
    }
}
