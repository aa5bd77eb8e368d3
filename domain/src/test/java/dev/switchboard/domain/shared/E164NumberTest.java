package dev.switchboard.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class E164NumberTest {
    @ParameterizedTest
    @ValueSource(strings = {"+33142000000", "+14155550100", "+4420794600", "+861012345678901"})
    void accepts_e164(String value) {
        assertThat(new E164Number(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0142000000", "+0142000000", "+33 1 42 00 00 00", "+1", "+1234567890123456", "33142000000", ""})
    void rejects_anything_else(String value) {
        assertThatThrownBy(() -> new E164Number(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("E.164");
        assertThat(E164Number.isValid(value)).isFalse();
    }
}
