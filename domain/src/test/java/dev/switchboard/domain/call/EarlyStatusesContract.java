package dev.switchboard.domain.call;

import static dev.switchboard.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.tenant.TenantRepository;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link EarlyStatuses} does. */
public abstract class EarlyStatusesContract {
    protected abstract TenantRepository tenants();

    protected abstract CallRepository calls();

    protected abstract EarlyStatuses early();

    @Test
    void a_kept_callback_is_taken_once_when_its_call_exists_and_old_ones_are_forgotten() {
        var tenant = Fixtures.tenant("Salon");
        tenants().save(tenant);
        var call = Fixtures.call(tenant.id(), T0);
        var ringing = new RecordCallStatus.Command(tenant.id(), call.providerCallId(), CallStatus.RINGING, null, T0, Map.of("CallStatus", "ringing"));
        var completed = new RecordCallStatus.Command(tenant.id(), call.providerCallId(), CallStatus.COMPLETED, 42, T0.plusSeconds(50),
                Map.of("CallStatus", "completed", "CallDuration", "42"));
        var stranger = new RecordCallStatus.Command(tenant.id(), "CA-never-stored-" + call.id(), CallStatus.COMPLETED, 1, null, Map.of());
        early().keep(ringing, T0);
        early().keep(completed, T0.plusSeconds(50));
        early().keep(stranger, T0);

        assertThat(early().takeMatched(10)).isEmpty();
        calls().add(call);
        assertThat(early().takeMatched(10)).containsExactly(ringing, completed);
        assertThat(early().takeMatched(10)).isEmpty();

        assertThat(early().forgetReceivedBefore(T0.plusSeconds(1))).isGreaterThanOrEqualTo(1);
        calls().add(Fixtures.call(tenant.id(), T0));
        assertThat(early().takeMatched(10)).doesNotContain(stranger);
    }
}
