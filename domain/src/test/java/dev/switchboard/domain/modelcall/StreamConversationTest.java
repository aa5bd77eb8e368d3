package dev.switchboard.domain.modelcall;

import static dev.switchboard.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.call.InMemoryCallRepository;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.tool.EndCallTool;
import dev.switchboard.domain.tool.ToolCall;
import dev.switchboard.domain.tool.ToolRunner;
import dev.switchboard.domain.tool.Toolbox;
import dev.switchboard.domain.tool.TransferToHumanTool;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Our side of a stream call, with the caller's line and the model's session as recording port implementations. */
class StreamConversationTest {
    private static final Duration MARK_WAIT = Duration.ofSeconds(5);
    private final MovableClock clock = new MovableClock();
    /** Scheduled waits are held here and run by the test, when it has moved the clock. */
    private final List<Runnable> scheduled = new ArrayList<>();
    private final java.util.concurrent.ScheduledExecutorService timers = new java.util.concurrent.ScheduledThreadPoolExecutor(1) {
        @Override
        public java.util.concurrent.ScheduledFuture<?> schedule(Runnable task, long delay, java.util.concurrent.TimeUnit unit) {
            scheduled.add(task);
            return null;
        }
    };
    private final InMemoryCallRepository calls = new InMemoryCallRepository();
    private final Line line = new Line();
    private final Session session = new Session();

    private StreamConversation conversation(E164Number transfer) {
        var tenant = Fixtures.tenant("Salon");
        var call = Fixtures.call(tenant.id(), T0);
        calls.add(call);
        var a = Fixtures.assistant(tenant.id(), "Sam");
        var assistant = new Assistant(a.id(), tenant.id(), a.name(), null, a.systemPrompt(), null, "en-US", a.voice(), a.transcriber(),
                a.model(), Set.of("end_call", "transfer_to_human"), a.dtmfPolicy(), transfer, a.runtime(), T0, T0);
        var runner = new ToolRunner(new Toolbox(List.of(new EndCallTool(), new TransferToHumanTool())),
                java.util.concurrent.Executors.newCachedThreadPool(), Duration.ofSeconds(5));
        var driven = new ModelDrivenCall(call, assistant, "openai", calls, runner, clock);
        var conversation = new StreamConversation(driven, line, Runnable::run, Duration.ofSeconds(5), timers, MARK_WAIT);
        conversation.attach(session);
        return conversation;
    }

    @Test
    void agent_audio_goes_out_with_a_mark_after_each_piece() {
        var c = conversation(null);
        c.agentAudio("item_1", new byte[160]);
        c.agentAudio("item_1", new byte[160]);
        assertThat(line.marks).containsExactly("item_1:20", "item_1:40");
    }

    @Test
    void barge_in_over_unplayed_audio_clears_truncates_with_the_heard_millis_and_cuts_the_stored_message() {
        var c = conversation(null);
        for (int i = 0; i < 10; i++) c.agentAudio("item_1", new byte[160]); // 200 ms sent
        c.agentSaid("item_1", "one two three four five six seven eight nine ten");
        c.played("item_1:20");
        c.played("item_1:80"); // 80 ms heard
        c.callerStartedSpeaking("item_2");

        assertThat(line.clears).isEqualTo(1);
        assertThat(session.cuts).containsExactly("item_1@80");
        var stored = calls.messages(c.call().call().tenantId(), c.call().call().id());
        assertThat(stored).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("one two three four");
            assertThat(m.interrupted()).isTrue();
        });
        // Audio of the cut message arriving late is not played.
        c.agentAudio("item_1", new byte[160]);
        assertThat(line.marks).hasSize(10);
    }

    @Test
    void speech_after_the_agent_finished_playing_is_no_barge_in() {
        var c = conversation(null);
        c.agentAudio("item_1", new byte[160]);
        c.played("item_1:20");
        c.callerStartedSpeaking("item_2");
        assertThat(line.clears).isZero();
        assertThat(session.cuts).isEmpty();
    }

    @Test
    void a_transfer_the_model_asks_for_happens_once_its_last_words_have_played() {
        var c = conversation(new E164Number("+33142000000"));
        c.toolCall(new ToolCall("call_1", "transfer_to_human", java.util.Map.of("reason", "wants a person")));
        assertThat(session.results).containsKey("call_1");
        c.agentAudio("item_9", new byte[160]);
        assertThat(line.transfers).isEmpty();
        c.played("item_9:20");
        assertThat(line.transfers).containsExactly("+33142000000");
        assertThat(session.closed).isTrue();
    }

    @Test
    void a_hang_up_whose_marks_never_come_back_goes_ahead_mark_wait_after_the_last_words_should_have_played() {
        var c = conversation(null);
        c.toolCall(new ToolCall("call_1", "end_call", java.util.Map.of("reason", "caller said goodbye")));
        c.agentAudio("item_9", new byte[8000]); // the goodbye: one second, sent after the action was asked for
        assertThat(scheduled).hasSize(1);
        clock.advance(MARK_WAIT);
        runScheduled(); // the words sent meanwhile push the deadline on: still waiting
        assertThat(line.hangUps).isZero();
        assertThat(scheduled).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        runScheduled(); // no mark came back (a silent caller, a lost mark): the call is not left hanging
        assertThat(line.hangUps).isEqualTo(1);
        assertThat(session.closed).isTrue();
        var events = calls.events(c.call().call().tenantId(), c.call().call().id());
        assertThat(events.stream().map(e -> e.type()).toList()).containsSubsequence("marks.missing", "call.ending");
        assertThat(events.stream().filter(e -> e.type().equals("marks.missing")).findFirst().orElseThrow().data())
                .containsEntry("action", "end_call");
        // A mark arriving afterwards changes nothing.
        c.played("item_9:8000");
        assertThat(line.hangUps).isEqualTo(1);
    }

    @Test
    void a_transfer_whose_marks_come_back_does_not_wait_for_the_bound() {
        var c = conversation(new E164Number("+33142000000"));
        c.toolCall(new ToolCall("call_1", "transfer_to_human", java.util.Map.of("reason", "wants a person")));
        c.agentAudio("item_9", new byte[160]);
        c.played("item_9:20");
        assertThat(line.transfers).containsExactly("+33142000000");
        runScheduled(); // the bound fires later and finds nothing to do
        assertThat(line.transfers).hasSize(1);
        assertThat(calls.events(c.call().call().tenantId(), c.call().call().id()).stream().map(e -> e.type()))
                .doesNotContain("marks.missing");
    }

    @Test
    void a_tool_the_full_call_threads_cannot_start_is_answered_nothing_was_done() {
        var tenant = Fixtures.tenant("Salon");
        var call = Fixtures.call(tenant.id(), T0);
        calls.add(call);
        var runner = new ToolRunner(new Toolbox(List.of(new EndCallTool())), java.util.concurrent.Executors.newCachedThreadPool(), Duration.ofSeconds(5));
        var driven = new ModelDrivenCall(call, Fixtures.assistant(tenant.id(), "Sam"), "openai", calls, runner, clock);
        java.util.concurrent.Executor full = task -> {
            throw new java.util.concurrent.RejectedExecutionException("full");
        };
        var c = new StreamConversation(driven, line, full, Duration.ofSeconds(5), timers, MARK_WAIT);
        c.attach(session);
        c.toolCall(new ToolCall("call_1", "end_call", java.util.Map.of("reason", "bye")));
        assertThat(session.results).containsEntry("call_1", "Error: end_call could not start: the system is very busy. Nothing was done. "
                + "Tell the caller and offer to try again in a moment or another way.");
        assertThat(line.hangUps).isZero();
        assertThat(calls.events(tenant.id(), call.id()).stream().map(e -> e.type())).contains("tool.refused");
    }

    @Test
    void a_platform_paid_call_counts_what_the_model_reports_and_says_the_total_when_it_ends() {
        var c = conversation(null);
        var counted = new ArrayList<Long>();
        c.meteredBy(counted::add);
        c.used(new ModelUsage(120, false));
        c.used(new ModelUsage(30, true));
        c.callEnded("stop");
        // The turn pool here runs each count at once: one per report.
        assertThat(counted).containsExactly(120L, 30L);
        var usage = calls.events(c.call().call().tenantId(), c.call().call().id()).stream()
                .filter(e -> e.type().equals("model.usage")).toList();
        assertThat(usage).singleElement().satisfies(e -> assertThat(e.data())
                .isEqualTo(java.util.Map.of("paidBy", "platform", "outputTokens", 150L, "estimated", true)));
    }

    @Test
    void usage_is_counted_on_the_turn_pool_not_on_the_models_thread_and_reports_waiting_there_are_counted_together() {
        var tenant = Fixtures.tenant("Salon");
        var call = Fixtures.call(tenant.id(), T0);
        calls.add(call);
        var runner = new ToolRunner(new Toolbox(List.of()), java.util.concurrent.Executors.newCachedThreadPool(), Duration.ofSeconds(5));
        var driven = new ModelDrivenCall(call, Fixtures.assistant(tenant.id(), "Sam"), "openai", calls, runner, clock);
        var turnPool = new ArrayList<Runnable>();
        var c = new StreamConversation(driven, line, turnPool::add, Duration.ofSeconds(5), timers, MARK_WAIT);
        var counted = new ArrayList<Long>();
        c.meteredBy(counted::add);

        c.used(new ModelUsage(120, false));
        c.used(new ModelUsage(30, false));
        assertThat(counted).as("nothing written on the model's thread").isEmpty();
        assertThat(turnPool).hasSize(1);

        turnPool.remove(0).run();
        assertThat(counted).containsExactly(150L);
        c.used(new ModelUsage(7, false));
        turnPool.remove(0).run();
        assertThat(counted).containsExactly(150L, 7L);
    }

    @Test
    void a_call_on_the_tenants_own_key_counts_nothing() {
        var c = conversation(null);
        c.used(new ModelUsage(120, false));
        c.callEnded("stop");
        assertThat(calls.events(c.call().call().tenantId(), c.call().call().id()).stream().map(e -> e.type())).doesNotContain("model.usage");
    }

    private void runScheduled() {
        var due = List.copyOf(scheduled);
        scheduled.clear();
        due.forEach(Runnable::run);
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private java.time.Instant now = T0;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public java.time.Instant instant() { return now; }
    }

    @Test
    void a_failed_model_means_an_apology_and_the_transfer_number_or_a_polite_goodbye() {
        var c = conversation(new E164Number("+33142000000"));
        c.failed(new VoiceModelFailure(VoiceModelFailure.Kind.CLOSED, "closed by OpenAI: 1011"));
        assertThat(line.transfers).containsExactly("+33142000000");
        assertThat(line.words.get(0)).contains("technical trouble");
        var events = calls.events(c.call().call().tenantId(), c.call().call().id()).stream().map(e -> e.type()).toList();
        assertThat(events).containsSubsequence("model.failed", "call.handoff");

        var other = new StreamConversationTest();
        var c2 = other.conversation(null);
        c2.failed(new VoiceModelFailure(VoiceModelFailure.Kind.UNREACHABLE, "connect timed out"));
        assertThat(other.line.hangUps).isEqualTo(1);
        assertThat(other.line.words.get(0)).contains("call back later");
    }

    @Test
    void keys_follow_the_dtmf_policy() {
        var c = conversation(new E164Number("+33142000000"));
        c.keyPressed('5');
        assertThat(line.transfers).isEmpty();
        c.keyPressed('0');
        assertThat(line.transfers).containsExactly("+33142000000");

        var other = new StreamConversationTest();
        other.conversation(null).keyPressed('9');
        assertThat(other.line.hangUps).isEqualTo(1);
    }

    @Test
    void a_key_the_policy_gives_no_action_goes_to_the_model() {
        var c = conversation(new E164Number("+33142000000"));
        c.keyPressed('5');
        c.keyPressed('0');
        assertThat(session.keys).containsExactly('5');
    }

    private static final class Line implements CallerLine {
        final List<String> marks = new ArrayList<>();
        final List<String> transfers = new ArrayList<>();
        final List<String> words = new ArrayList<>();
        int clears;
        int hangUps;

        @Override public void play(byte[] mulaw, String mark) { marks.add(mark); }
        @Override public void clear() { clears++; }
        @Override public void transfer(E164Number number, String words, String language) {
            transfers.add(number.value());
            this.words.add(words);
        }
        @Override public void hangUp(String words, String language) {
            hangUps++;
            this.words.add(words);
        }
    }

    private static final class Session implements VoiceSession {
        final List<String> cuts = new ArrayList<>();
        final java.util.Map<String, String> results = new java.util.HashMap<>();
        final List<Character> keys = new ArrayList<>();
        boolean closed;

        @Override public void callerAudio(byte[] mulaw) { }
        @Override public void agentCutAt(String itemId, long heardMillis) { cuts.add(itemId + "@" + heardMillis); }
        @Override public void toolResult(String callId, String output) { results.put(callId, output); }
        @Override public void keyPressed(char digit) { keys.add(digit); }
        @Override public void close() { closed = true; }
    }
}
