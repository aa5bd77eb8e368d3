package dev.switchboard.domain.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DtmfPolicyTest {
    @Test
    void standard_policy_transfers_on_0_repeats_on_1_ends_on_9() {
        var policy = DtmfPolicy.standard();
        assertThat(policy.actions()).isEqualTo(Map.of('0', DtmfAction.TRANSFER_TO_HUMAN,
                '1', DtmfAction.REPEAT_LAST_MESSAGE, '9', DtmfAction.END_CALL));
        assertThat(policy.actionFor('5')).isEmpty();
    }

    @Test
    void only_dtmf_digits_can_be_mapped() {
        assertThatThrownBy(() -> new DtmfPolicy(Map.of('x', DtmfAction.END_CALL)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a DTMF digit");
    }
}
