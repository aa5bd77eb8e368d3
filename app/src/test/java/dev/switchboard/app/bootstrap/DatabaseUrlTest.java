package dev.switchboard.app.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {
    @Test
    void reads_the_hosting_platform_form_with_credentials() {
        assertThat(DatabaseUrl.parse("postgres://app:s%40cret@db.example.com:6543/switchboard?sslmode=require"))
                .isEqualTo(new DatabaseUrl("jdbc:postgresql://db.example.com:6543/switchboard?sslmode=require", "app", "s@cret"));
        assertThat(DatabaseUrl.parse("postgresql://db.internal/prod"))
                .isEqualTo(new DatabaseUrl("jdbc:postgresql://db.internal/prod", null, null));
    }

    @Test
    void a_plus_in_a_password_stays_a_plus_and_a_bad_url_is_not_echoed() {
        assertThat(DatabaseUrl.parse("postgres://app:pa+ss%3Aword@db/sb").password()).isEqualTo("pa+ss:word");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://app:hunter 2@db/sb"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hunter");
    }

    @Test
    void passes_jdbc_urls_through() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://localhost:5432/sb?user=a&password=b"))
                .isEqualTo(new DatabaseUrl("jdbc:postgresql://localhost:5432/sb?user=a&password=b", null, null));
    }

    @Test
    void refuses_anything_else_without_echoing_it() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:hunter2@db/x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hunter2");
        assertThat(DatabaseUrl.parse("postgres://u:hunter2@h/d").toString()).doesNotContain("hunter2");
    }
}
