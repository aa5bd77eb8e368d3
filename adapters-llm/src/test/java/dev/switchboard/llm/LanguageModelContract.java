package dev.switchboard.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.assistant.ModelSettings;
import dev.switchboard.domain.connection.Connection;
import dev.switchboard.domain.connection.InMemoryConnectionRepository;
import dev.switchboard.domain.conversation.Cancellation;
import dev.switchboard.domain.conversation.ChatTurn;
import dev.switchboard.domain.conversation.ModelReply;
import dev.switchboard.domain.conversation.ModelReply.StopReason;
import dev.switchboard.domain.conversation.ModelRequest;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.shared.PortFailure.Category;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tool.ToolCall;
import dev.switchboard.domain.tool.ToolDefinition;
import dev.switchboard.llm.config.LlmProperties;
import dev.switchboard.llm.streaming.Pause;
import dev.switchboard.llm.streaming.ReplyStreams;
import dev.switchboard.testkit.llm.RecordedRequest;
import dev.switchboard.testkit.llm.ScriptedResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link ProviderModel} backed by a remote API must do, checked against the
 * provider's loopback fake speaking its real wire format. Durations are hang guards, never
 * measured: retry waits are recorded by a {@link Pause} that does not sleep.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class LanguageModelContract {
    protected static final String PLATFORM_KEY = "sk-platform-0001";
    protected static final String TENANT_KEY = "sk-tenant-0002";
    protected static final TenantId TENANT = TenantId.parse("7f0c1a5e-0000-4000-8000-000000000001");

    protected final InMemoryConnectionRepository connections = new InMemoryConnectionRepository();
    protected final TestVault vault = new TestVault();
    protected final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();

    /** The adapter under test, pointed at this test's fake, with the platform key {@link #PLATFORM_KEY}. */
    protected abstract ProviderModel model(ApiKeys keys, ReplyStreams streams);

    protected abstract String provider();

    protected abstract void enqueue(ScriptedResponse... responses);

    protected abstract List<RecordedRequest> requests();

    /** The API key as this provider's wire carries it. */
    protected abstract String keyOf(RecordedRequest request);

    protected abstract ScriptedResponse text(String... tokens);

    /** Text followed by one tool call whose JSON arguments arrive as these fragments. */
    protected abstract ScriptedResponse textThenTool(String text, String id, String name, String... fragments);

    protected abstract ScriptedResponse error(int status);

    /** Asserts the whole provider-shaped request built from {@link #historyWithToolResults()}. */
    protected abstract void assertSentHistory(RecordedRequest request);

    protected ModelReply ask(ModelRequest request, List<String> heard, Cancellation cancellation) {
        return ask(request, heard, cancellation, LlmProperties.defaults());
    }

    protected ModelReply ask(ModelRequest request, List<String> heard, Cancellation cancellation, LlmProperties limits) {
        var streams = new ReplyStreams(limits, (wait, c) -> pauses.add(wait));
        closing.add(streams);
        var model = model(new ApiKeys(connections, vault), streams);
        if (model instanceof AutoCloseable c) closing.add(c);
        return model.reply(request, heard::add, cancellation);
    }

    protected ModelRequest request(List<ChatTurn> history, List<ToolDefinition> tools) {
        return new ModelRequest(TENANT, new ModelSettings(provider(), "model-x", 0.5, 300),
                "You are Sam, the front desk of Acme Dental.", history, tools);
    }

    protected ModelRequest hello() {
        return request(List.of(new ChatTurn.CallerTurn("Hi, can I book a cleaning?")), List.of());
    }

    protected static ToolDefinition bookSlot() {
        return new ToolDefinition("book_slot", "Book an appointment slot.", Map.of("type", "object",
                "properties", Map.of("date", Map.of("type", "string", "description", "YYYY-MM-DD"),
                        "time", Map.of("type", "string")),
                "required", List.of("date", "time")));
    }

    /** Caller, agent asking for two tools, both results, caller again. */
    protected ModelRequest historyWithToolResults() {
        return request(List.of(
                new ChatTurn.CallerTurn("Friday at ten?"),
                new ChatTurn.AgentTurn("Let me check.", List.of(
                        new ToolCall("call_1", "check_availability", Map.of("date", "2025-01-17")),
                        new ToolCall("call_2", "book_slot", Map.of("date", "2025-01-17", "time", "10:00")))),
                new ChatTurn.ToolResult("call_1", "check_availability", "{\"free\":[\"10:00\"]}", false),
                new ChatTurn.ToolResult("call_2", "book_slot", "Calendar unavailable", true)), List.of(bookSlot()));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (var c : closing) c.close();
    }

    @Test
    void streamsTextTokenByTokenBeforeReturning() {
        enqueue(text("Hel", "lo, ", "this is ", "Sam."));
        var heard = new CopyOnWriteArrayList<String>();

        var reply = ask(hello(), heard, new Cancellation());

        assertThat(heard).containsExactly("Hel", "lo, ", "this is ", "Sam.");
        assertThat(reply).isEqualTo(new ModelReply("Hello, this is Sam.", List.of(), StopReason.END_TURN));
    }

    @Test
    void assemblesAToolCallSplitAcrossManyDeltas() {
        enqueue(textThenTool("One moment.", "call_9", "book_slot",
                "{\"da", "te\": \"2025-", "01-17\", \"ti", "me\": \"10:", "00\", \"party\": {\"size\"", ": 2, \"names\": [\"Ann\"]}}"));
        var heard = new CopyOnWriteArrayList<String>();

        var reply = ask(request(List.of(new ChatTurn.CallerTurn("Book Friday at ten for two.")), List.of(bookSlot())),
                heard, new Cancellation());

        assertThat(reply).isEqualTo(new ModelReply("One moment.", List.of(new ToolCall("call_9", "book_slot", Map.of(
                "date", "2025-01-17", "time", "10:00", "party", Map.of("size", 2, "names", List.of("Ann"))))),
                StopReason.TOOL_USE));
        assertThat(heard).containsExactly("One moment.");
    }

    @Test
    void sendsHistoryWithToolResultsInTheProvidersShape() {
        enqueue(text("Booked."));

        ask(historyWithToolResults(), new CopyOnWriteArrayList<>(), new Cancellation());

        assertThat(requests()).hasSize(1);
        assertSentHistory(requests().get(0));
    }

    @Test
    void retriesARateLimitAfterTheRetryAfterTheProviderAskedFor() {
        enqueue(error(429).withHeader("retry-after", "2"), text("Fine."));

        var reply = ask(hello(), new CopyOnWriteArrayList<>(), new Cancellation());

        assertThat(reply.text()).isEqualTo("Fine.");
        assertThat(requests()).hasSize(2);
        assertThat(pauses).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void aRetryAfterLongerThanAllowedFailsAtOnce() {
        enqueue(error(429).withHeader("retry-after", "120"), text("never read"));

        assertFails(() -> ask(hello(), new CopyOnWriteArrayList<>(), new Cancellation()), Category.RATE_LIMITED);
        assertThat(requests()).hasSize(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void retriesAServerErrorWithBackoff() {
        enqueue(error(500), error(503), text("Back."));

        var reply = ask(hello(), new CopyOnWriteArrayList<>(), new Cancellation());

        assertThat(reply).isEqualTo(new ModelReply("Back.", List.of(), StopReason.END_TURN));
        assertThat(requests()).hasSize(3);
        assertThat(pauses).hasSize(2).allSatisfy(wait -> assertThat(wait).isPositive());
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        enqueue(error(500), error(500), error(500), text("never read"));

        assertFails(() -> ask(hello(), new CopyOnWriteArrayList<>(), new Cancellation()), Category.UNAVAILABLE);
        assertThat(requests()).hasSize(3);
    }

    @Test
    void aRefusedKeyIsRejectedCredentialsWithoutRetry() {
        enqueue(error(401), text("never read"));

        assertFails(() -> ask(hello(), new CopyOnWriteArrayList<>(), new Cancellation()), Category.REJECTED_CREDENTIALS);
        assertThat(requests()).hasSize(1);
    }

    @Test
    void aBadRequestIsNotRetried() {
        enqueue(error(400), text("never read"));

        assertFails(() -> ask(hello(), new CopyOnWriteArrayList<>(), new Cancellation()), Category.BAD_REQUEST);
        assertThat(requests()).hasSize(1);
    }

    @Test
    void aDisconnectMidStreamFailsWithoutRetryOnceTextWasHeard() {
        var stream = text("Sure", ", let", " me", " see");
        enqueue(stream.disconnectingAfter(stream.pieces().size() - 3), text("never read"));
        var heard = new CopyOnWriteArrayList<String>();

        assertFails(() -> ask(hello(), heard, new Cancellation()), Category.UNAVAILABLE);
        assertThat(heard).isNotEmpty().allSatisfy(delta -> assertThat("Sure, let me see").contains(delta));
        assertThat(requests()).hasSize(1);
    }

    @Test
    void aMissingFirstTokenIsATimeout() {
        // The stream stalls for ever, so any first-token limit trips; 2 s (not 300 ms) leaves a cold SDK time to
        // send the request at all when this test runs first in a loaded JVM (it then saw no request).
        var limits = new LlmProperties(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(20), 3,
                Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(5));
        enqueue(text("late").stallingAfter(0), text("never read"));

        assertFails(() -> ask(hello(), new CopyOnWriteArrayList<>(), new Cancellation(), limits), Category.TIMEOUT);
        assertThat(requests()).hasSize(1);
    }

    @Test
    void cancellingMidStreamReturnsWhatWasHeard() throws Exception {
        var stream = text("Let me ", "check ", "that", " for you.");
        enqueue(stream.stallingAfter(firstPiecesCarrying(stream, 2)));
        var heard = new CopyOnWriteArrayList<String>();
        var twoTokens = new CountDownLatch(2);
        var cancellation = new Cancellation();
        var canceller = new Thread(() -> {
            try {
                if (twoTokens.await(20, TimeUnit.SECONDS)) cancellation.cancel();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        canceller.start();

        var reply = ask(hello(), new ListeningList(heard, twoTokens), cancellation);

        canceller.join();
        assertThat(reply).isEqualTo(new ModelReply("Let me check ", List.of(), StopReason.CANCELLED));
        assertThat(heard).containsExactly("Let me ", "check ");
    }

    @Test
    void aCancelledRequestSendsNothing() {
        var cancellation = new Cancellation();
        cancellation.cancel();

        var reply = ask(hello(), new CopyOnWriteArrayList<>(), cancellation);

        assertThat(reply).isEqualTo(new ModelReply("", List.of(), StopReason.CANCELLED));
        assertThat(requests()).isEmpty();
    }

    @Test
    void theTenantsOwnKeyIsUsedOverThePlatformKey() {
        connections.save(new Connection(TENANT, providerEnum(), Map.of(), Map.of("apiKey", vault.seal(new dev.switchboard.domain.connection.SecretOwner(TENANT, providerEnum(), "apiKey"), TENANT_KEY)), Instant.EPOCH));
        enqueue(text("Hi."));

        ask(hello(), new CopyOnWriteArrayList<>(), new Cancellation());

        assertThat(keyOf(requests().get(0))).isEqualTo(TENANT_KEY);
    }

    @Test
    void thePlatformKeyIsUsedWhenTheTenantHasNone() {
        enqueue(text("Hi."));

        ask(hello(), new CopyOnWriteArrayList<>(), new Cancellation());

        assertThat(keyOf(requests().get(0))).isEqualTo(PLATFORM_KEY);
    }

    @Test
    void thePlatformKeyAnswersWithAtMostThePlatformsReplyCap() {
        enqueue(text("Hi."), text("Hi."));
        var greedy = new ModelRequest(TENANT, new ModelSettings(provider(), "model-x", 0.5, 32_000), "You are Sam.",
                List.of(new ChatTurn.CallerTurn("Hi")), List.of());

        ask(greedy, new CopyOnWriteArrayList<>(), new Cancellation());
        connections.save(new Connection(TENANT, providerEnum(), Map.of(), Map.of("apiKey", vault.seal(new dev.switchboard.domain.connection.SecretOwner(TENANT, providerEnum(), "apiKey"), TENANT_KEY)), Instant.EPOCH));
        ask(greedy, new CopyOnWriteArrayList<>(), new Cancellation());

        assertThat(requests()).extracting(r -> r.body().getOrDefault("max_tokens", r.body().get("max_completion_tokens")))
                .as("platform key capped at %d; the tenant's own key is not", ApiKeys.DEFAULT_PLATFORM_MAX_TOKENS)
                .containsExactly(ApiKeys.DEFAULT_PLATFORM_MAX_TOKENS, 32_000);
    }

    protected abstract dev.switchboard.domain.connection.Provider providerEnum();

    /** How many pieces of {@code response} to send so that exactly {@code tokens} text deltas went out. */
    protected abstract int firstPiecesCarrying(ScriptedResponse response, int tokens);

    protected static void assertFails(Runnable call, Category category) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(PortFailure.class,
                failure -> assertThat(failure.category()).isEqualTo(category));
    }

    /** A list that also counts down a latch per element, so another thread can react to progress. */
    private static final class ListeningList extends CopyOnWriteArrayList<String> {
        private final List<String> target;
        private final CountDownLatch latch;

        ListeningList(List<String> target, CountDownLatch latch) {
            this.target = target;
            this.latch = latch;
        }

        @Override
        public boolean add(String s) {
            target.add(s);
            latch.countDown();
            return true;
        }
    }
}
