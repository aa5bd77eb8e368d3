package dev.switchboard.persistence.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.call.CallEvent;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Event data survives JSONB: nested maps and lists, numbers of each size, booleans, nulls, text. */
@MicronautTest(transactional = false)
class EventDataJsonTest {
    @Inject
    PostgresTenantRepository tenants;
    @Inject
    PostgresCallRepository calls;

    @Test
    void event_data_round_trips_through_jsonb() {
        var tenant = Fixtures.tenant("Salon");
        tenants.save(tenant);
        var call = Fixtures.call(tenant.id(), Fixtures.T0);
        calls.add(call);

        var nested = new LinkedHashMap<String, Object>();
        nested.put("caller", Map.of("number", "+33612345678", "name", "Zoë «Ünïcode» 日本"));
        nested.put("small", 42);
        nested.put("negative", -7);
        nested.put("large", 9_007_199_254_740_993L);
        nested.put("ratio", 0.25);
        nested.put("flags", List.of(true, false));
        nested.put("nothing", null);
        nested.put("empty", Map.of());
        nested.put("rows", List.of(Map.of("slot", "10:00", "free", true), List.of(1, 2, List.of("deep"))));
        var event = CallEvent.of(call, Fixtures.T0, "tool.result", nested);
        calls.appendEvent(event);

        var stored = calls.events(tenant.id(), call.id());
        assertThat(stored).containsExactly(event);
        assertThat(stored.get(0).data().get("large")).isEqualTo(9_007_199_254_740_993L);
    }
}
