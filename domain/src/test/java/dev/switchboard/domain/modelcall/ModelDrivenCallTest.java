package dev.switchboard.domain.modelcall;

import static dev.switchboard.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.call.CallMessage.Speaker;
import dev.switchboard.domain.call.InMemoryCallRepository;
import dev.switchboard.domain.tool.EndCallTool;
import dev.switchboard.domain.tool.ToolCall;
import dev.switchboard.domain.tool.ToolOutcome;
import dev.switchboard.domain.tool.ToolRunner;
import dev.switchboard.domain.tool.Toolbox;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelDrivenCallTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final InMemoryCallRepository calls = new InMemoryCallRepository();
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    private final ToolRunner tools = new ToolRunner(new Toolbox(List.of(new EndCallTool())), executor, Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private ModelDrivenCall driven(boolean withAssistant) {
        var tenant = Fixtures.tenant("Salon");
        var call = Fixtures.call(tenant.id(), T0);
        calls.add(call);
        var assistant = Fixtures.assistant(tenant.id(), "Sam");
        assistant = new dev.switchboard.domain.assistant.Assistant(assistant.id(), tenant.id(), assistant.name(), null, assistant.systemPrompt(),
                null, "en-US", assistant.voice(), assistant.transcriber(), assistant.model(), java.util.Set.of("end_call"),
                assistant.dtmfPolicy(), assistant.transferNumber(), assistant.runtime(), T0, T0);
        return new ModelDrivenCall(call, withAssistant ? assistant : null, "openai", calls, tools, clock);
    }

    @Test
    void turns_are_stored_in_the_order_they_were_said_whatever_order_they_are_written() {
        var driven = driven(true);
        driven.said(Speaker.AGENT, "Hello, how can I help?", T0.plusMillis(100));
        driven.said(Speaker.AGENT, "Of course.", T0.plusMillis(3000));
        // The caller's transcription finishes after the agent began answering: its time puts it first.
        driven.said(Speaker.CALLER, "I'd like a haircut.", T0.plusMillis(1500));

        var texts = calls.messages(driven.call().tenantId(), driven.call().id()).stream().map(m -> m.text()).toList();
        assertThat(texts).containsExactly("Hello, how can I help?", "I'd like a haircut.", "Of course.");
    }

    @Test
    void a_cut_message_keeps_its_place_and_says_what_was_heard() {
        var driven = driven(true);
        var said = driven.said(Speaker.AGENT, "We are open from nine to six every day of the week", T0);
        var heard = ModelDrivenCall.heardPart(said.text(), Duration.ofMillis(1000), Duration.ofMillis(4000));
        driven.cutToHeard(said, heard, Map.of("audioEndMs", 1000));

        var stored = calls.messages(driven.call().tenantId(), driven.call().id());
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).text()).isEqualTo("We are open");
        assertThat(stored.get(0).interrupted()).isTrue();
        assertThat(calls.events(driven.call().tenantId(), driven.call().id())).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo("agent.interrupted");
            assertThat(e.data()).containsEntry("heard", "We are open").containsEntry("audioEndMs", 1000);
        });
    }

    @Test
    void heard_part_rounds_down_and_clamps() {
        assertThat(ModelDrivenCall.heardPart("one two three four", Duration.ZERO, Duration.ofSeconds(2))).isEmpty();
        assertThat(ModelDrivenCall.heardPart("one two three four", Duration.ofMillis(999), Duration.ofSeconds(2))).isEqualTo("one");
        assertThat(ModelDrivenCall.heardPart("one two three four", Duration.ofSeconds(5), Duration.ofSeconds(2))).isEqualTo("one two three four");
    }

    @Test
    void tool_calls_run_through_the_tool_runner_and_land_on_the_timeline() {
        var driven = driven(true);
        var outcomes = driven.runTools(List.of(new ToolCall("call_1", "end_call", Map.of("reason", "done")),
                new ToolCall("call_2", "no_such_tool", Map.of())), Duration.ofSeconds(5));

        assertThat(outcomes.get(0)).isInstanceOf(ToolOutcome.EndCall.class);
        assertThat(outcomes.get(1)).isInstanceOf(ToolOutcome.Failed.class);
        var toolEvents = calls.events(driven.call().tenantId(), driven.call().id()).stream()
                .filter(e -> e.type().equals("tool.called")).toList();
        assertThat(toolEvents).extracting(e -> e.data().get("toolCallId")).containsExactly("call_1", "call_2");
    }

    @Test
    void without_an_assistant_every_tool_call_is_answered_with_an_error() {
        var driven = driven(false);
        var outcomes = driven.runTools(List.of(new ToolCall("call_1", "end_call", Map.of())), Duration.ofSeconds(5));
        assertThat(outcomes).singleElement().isInstanceOf(ToolOutcome.Failed.class);
        assertThat(outcomes.get(0).forModel()).contains("no assistant");
    }

    @Test
    void a_hand_off_names_the_transfer_number_on_the_timeline() {
        var driven = driven(true);
        var handOff = driven.handOff("model unreachable");
        assertThat(handOff.transferNumber().value()).isEqualTo("+33142000000");
        assertThat(calls.events(driven.call().tenantId(), driven.call().id()))
                .anySatisfy(e -> assertThat(e.data()).containsEntry("transferNumber", "+33142000000"));
    }
}
