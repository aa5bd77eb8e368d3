package dev.switchboard.testkit.realtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A loopback OpenAI Realtime API (GA dialect, PROTOCOLS.md §10) for load runs: it takes any
 * {@code Bearer} key, answers {@code session.update}, reads the {@link AudioTag} of every caller
 * frame appended and reports it to a {@link Meter}, and speaks like a model: after each
 * {@code utterance} of caller audio (and on {@code response.create}, the assistant's greeting) it
 * streams {@code answer} of tagged μ-law in {@code chunk} deltas, faster than real time (one chunk
 * every {@code chunkEvery}), with the transcripts a model sends. It never reports speech started,
 * so no answer is cut by a barge-in and every agent frame sent should reach the caller.
 *
 * <p>Unlike {@link FakeOpenAiRealtime} it keeps no record of what it received (a run carries
 * tens of thousands of frames a second) and listens on a fixed port if asked, so that a server
 * can be started beforehand with {@code SWITCHBOARD_OPENAI_REALTIME_URL} pointing at it.
 * Thread-safe.
 */
public final class MeteredOpenAiRealtime extends LoopbackWebSocketServer {
    /** Hears what the fake hears and says. Called from the fake's threads, concurrently. */
    public interface Meter {
        /** Call {@code call} of run {@code run} had its session configured ({@code session.update}) at {@code upNanos}. */
        default void sessionUp(int run, int call, long upNanos) {}

        /**
         * A tagged caller frame arrived at {@code arrivedNanos}; {@code heldDuringConnect} when it
         * was sent before the session was configured (the server held it while connecting).
         */
        default void callerFrame(AudioTag tag, long arrivedNanos, boolean heldDuringConnect) {}

        /** A caller frame without a tag arrived. */
        default void untaggedCallerFrame() {}

        /** A tagged agent frame was sent towards the caller. */
        default void agentFrameSent(AudioTag tag) {}

        /** Whether the model may start an answer on this call now (a call about to hang up gets none). */
        default boolean mayAnswer(int run, int call) {
            return true;
        }

        /** The model started an answer on this call; {@link #answerEnded} follows once its last delta is sent. */
        default void answerStarted(int run, int call) {}

        /** The model finished sending an answer on this call. */
        default void answerEnded(int run, int call) {}
    }

    final Duration utterance;
    final Duration answer;
    final Duration chunk;
    final Duration chunkEvery;
    private final Set<MeteredSession> open = ConcurrentHashMap.newKeySet();
    private volatile Meter meter = new Meter() {};

    private MeteredOpenAiRealtime(int port, Duration utterance, Duration answer, Duration chunk, Duration chunkEvery) {
        super("/v1/realtime", port, false);
        this.utterance = utterance;
        this.answer = answer;
        this.chunk = chunk;
        this.chunkEvery = chunkEvery;
    }

    /**
     * @param port      the loopback port (0: any free one)
     * @param utterance how much caller audio the model hears before each answer
     */
    public static MeteredOpenAiRealtime start(int port, Duration utterance) {
        return start(port, utterance, Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMillis(50));
    }

    /**
     * @param answer     how much agent audio each answer carries
     * @param chunk      the audio in each {@code response.output_audio.delta} (a multiple of 20 ms)
     * @param chunkEvery the time between deltas (below {@code chunk}: faster than real time, as models send)
     */
    public static MeteredOpenAiRealtime start(int port, Duration utterance, Duration answer, Duration chunk, Duration chunkEvery) {
        if (chunk.toMillis() < 20 || chunk.toMillis() % 20 != 0) throw new IllegalArgumentException("chunk must be a multiple of 20 ms");
        if (utterance.toMillis() < 20) throw new IllegalArgumentException("utterance must be at least 20 ms");
        var fake = new MeteredOpenAiRealtime(port, utterance, answer, chunk, chunkEvery);
        fake.warmUp();
        return fake;
    }

    /**
     * One session from this process before any call: in a fresh JVM, loading Netty's WebSocket
     * classes from a large jar on a busy machine took seconds, longer than the server's Realtime
     * connect timeout, and the first calls were handed off as "model unreachable".
     */
    private void warmUp() {
        var updated = new CompletableFuture<Void>();
        try {
            var ws = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer warm-up")
                    .buildAsync(URI.create(url()), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            if (data.toString().contains("session.updated")) updated.complete(null);
                            w.request(1);
                            return null;
                        }
                    }).get(60, TimeUnit.SECONDS);
            ws.sendText("{\"type\":\"session.update\",\"session\":{\"type\":\"realtime\"}}", true).get(60, TimeUnit.SECONDS);
            updated.get(60, TimeUnit.SECONDS);
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("the fake Realtime did not answer its own warm-up session: " + e, e);
        }
    }

    /** Where the server connects: {@code ws://127.0.0.1:<port>/v1/realtime}. */
    public String url() {
        return "ws://127.0.0.1:" + port() + "/v1/realtime";
    }

    /** Reports from now on go to {@code meter}. */
    public void meter(Meter meter) {
        this.meter = meter;
    }

    Meter meter() {
        return meter;
    }

    /**
     * Answers plain HTTP requests to this fake (no upgrade) from another process, e.g. the load
     * client reading what the fake heard when the fake runs in a process of its own.
     */
    public interface Control {
        /** @return the answer's body, or empty when {@code uri} is none of the control's */
        Optional<byte[]> answer(String method, String uri);
    }

    private volatile Control control = (method, uri) -> Optional.empty();

    /** Plain HTTP requests go to {@code control} from now on. */
    public void controlledBy(Control control) {
        this.control = control;
    }

    @Override
    protected Optional<byte[]> control(String method, String uri) {
        return control.answer(method, uri);
    }

    /** Sessions the server has open now. */
    public int openSessions() {
        return open.size();
    }

    @Override
    protected Optional<Refusal> refuse(String uri, Map<String, String> headers) {
        var authorization = headers.get("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() == 7)
            return Optional.of(new Refusal(401, "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\","
                    + "\"message\":\"Incorrect API key provided.\",\"param\":null}}"));
        return Optional.empty();
    }

    @Override
    protected Connection accepted(String uri, Map<String, String> headers, Socket socket) {
        var session = new MeteredSession(this, socket);
        open.add(session);
        return session;
    }

    void closed(MeteredSession session) {
        open.remove(session);
    }
}
