package dev.switchboard.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashes_are_salted_slow_and_verifiable() {
        var a = hasher.hash("correct horse battery");
        var b = hasher.hash("correct horse battery");
        assertThat(a).startsWith("pbkdf2-sha256$210000$").isNotEqualTo(b).doesNotContain("correct horse");
        assertThat(hasher.matches("correct horse battery", a)).isTrue();
        assertThat(hasher.matches("correct horse battery!", a)).isFalse();
        assertThat(hasher.matches("anything", "not-a-hash")).isFalse();
    }
}
