package dev.switchboard.domain.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.conversation.OutboundPrompts;
import dev.switchboard.domain.shared.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallContextTest {
    private static final CallContext ORDER = new CallContext(new LinkedHashMap<>(Map.of("customer_name", "Ada",
            "order", new LinkedHashMap<>(Map.of("id", "A-1042", "items", List.of(Map.of("name", "Teapot")), "total", 59.0)))));

    @Test
    void variables_are_dotted_paths_and_unknown_ones_become_empty() {
        assertThat(ORDER.fill("Hi {{customer_name}}, order {{ order.id }}: {{order.items.0.name}} for {{order.total}}. {{nope}}{{order.x.y}}!"))
                .isEqualTo("Hi Ada, order A-1042: Teapot for 59. !");
        assertThat(ORDER.fill("{{order.items}}")).isEqualTo("[{\"name\":\"Teapot\"}]");
        assertThat(ORDER.fill(null)).isNull();
        assertThat(CallContext.EMPTY.fill("{{a}}")).isEmpty();
    }

    @Test
    void the_prompt_block_is_delimited_json_and_quotes_what_needs_quoting() {
        var tricky = new CallContext(Map.of("note", "say \"hi\"\nthen"));
        assertThat(tricky.promptBlock()).isEqualTo(CallContext.BEGIN + "\n{\"note\":\"say \\\"hi\\\"\\nthen\"}\n" + CallContext.END);
        assertThat(CallContext.EMPTY.promptBlock()).isEmpty();
    }

    @Test
    void an_assistant_is_personalized_with_its_prompt_filled_and_the_block_appended() {
        var assistant = Fixtures.assistant(TenantId.random(), "Desk").withPrompts("Call {{customer_name}}.", "Hello {{customer_name}}!");
        var personal = OutboundPrompts.personalize(assistant, ORDER);
        assertThat(personal.systemPrompt()).startsWith("Call Ada.\n\n" + CallContext.BEGIN).endsWith(CallContext.END).contains("\"id\":\"A-1042\"");
        assertThat(personal.firstMessage()).isEqualTo("Hello Ada!");
        assertThat(OutboundPrompts.personalize(assistant, CallContext.EMPTY)).isSameAs(assistant);
    }

    @Test
    void only_a_call_we_placed_asks_for_its_context() {
        var asked = new java.util.ArrayList<CallId>();
        CallContexts store = (tenant, call) -> {
            asked.add(call);
            return ORDER;
        };
        var inbound = Fixtures.call(TenantId.random(), Fixtures.T0);
        var outbound = Call.started(inbound.tenantId(), CallDirection.OUTBOUND, "+33142000001", "+33612345678", dev.switchboard.domain.assistant.Runtime.RELAY,
                null, null, "CA0001", CallStatus.QUEUED, Fixtures.T0);

        assertThat(store.of(inbound)).isSameAs(CallContext.EMPTY);
        assertThat(store.of(outbound)).isSameAs(ORDER);
        assertThat(asked).containsExactly(outbound.id());
    }
}
