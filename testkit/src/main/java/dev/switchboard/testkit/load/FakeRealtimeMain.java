package dev.switchboard.testkit.load;

import dev.switchboard.testkit.realtime.MeteredOpenAiRealtime;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The fake OpenAI Realtime of a stream load run in a process of its own, so that the server, the
 * callers and the model are three processes measured apart ({@code bench/stream-curve.sh} starts
 * it): {@code java -cp switchboard.jar dev.switchboard.testkit.load.FakeRealtimeMain --port P [--think MS]}.
 * The server's {@code SWITCHBOARD_OPENAI_REALTIME_URL} points at {@code ws://127.0.0.1:P/v1/realtime};
 * the load client ({@code switchboard load --runtime stream --realtime-control http://127.0.0.1:P})
 * drives it with a few plain HTTP requests on the same port, none per frame:
 * {@code POST /meter/run?run=R&calls=N} (count a new run), {@code POST /meter/steady?from=F&to=T} (frames sent
 * between these {@code System.nanoTime()} values are the steady state), {@code POST /meter/ending} (no new answers),
 * {@code GET /meter/state[?delays=true]} (what it counted, see {@link FrameTally#writeModelSide}),
 * {@code GET /meter/open} (sessions open). Runs until killed.
 */
public final class FakeRealtimeMain {
    private volatile FrameTally tally;

    private FakeRealtimeMain() {}

    public static void main(String[] args) throws InterruptedException {
        int port = 18195;
        long think = 3000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--think" -> think = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--port P, --think MS)");
            }
        }
        var model = MeteredOpenAiRealtime.start(port, Duration.ofMillis(think));
        new FakeRealtimeMain().control(model);
        System.out.printf("fake OpenAI Realtime at %s, control at http://127.0.0.1:%d/meter, pid %d%n", model.url(), model.port(),
                ProcessHandle.current().pid());
        System.out.flush();
        Thread.currentThread().join();
    }

    /** Answers the control requests of {@code model} (also used in-process by tests). */
    public static void serve(MeteredOpenAiRealtime model) {
        new FakeRealtimeMain().control(model);
    }

    private void control(MeteredOpenAiRealtime model) {
        model.controlledBy((method, uri) -> answer(model, method, URI.create(uri)));
    }

    private Optional<byte[]> answer(MeteredOpenAiRealtime model, String method, URI uri) {
        var path = uri.getPath();
        var query = uri.getQuery() == null ? "" : uri.getQuery();
        try {
            var bytes = new ByteArrayOutputStream();
            var out = new DataOutputStream(bytes);
            switch (method + " " + path) {
                case "POST /meter/run" -> {
                    var next = new FrameTally(parameter(query, "run"), parameter(query, "calls"));
                    tally = next;
                    model.meter(next);
                }
                case "POST /meter/steady" -> {
                    var t = tally;
                    if (t != null) t.steadyBetween(Long.parseLong(text(query, "from")), Long.parseLong(text(query, "to")));
                }
                case "POST /meter/ending" -> {
                    var t = tally;
                    if (t != null) t.endingAll();
                }
                case "GET /meter/state" -> {
                    var t = tally;
                    if (t == null) return Optional.empty();
                    t.writeModelSide(out, query.contains("delays=true"));
                }
                case "GET /meter/open" -> out.writeInt(model.openSessions());
                default -> {
                    return Optional.empty();
                }
            }
            out.flush();
            return Optional.of(bytes.toByteArray());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static int parameter(String query, String name) {
        return Integer.parseInt(text(query, name));
    }

    private static String text(String query, String name) {
        for (var pair : query.split("&")) {
            if (pair.startsWith(name + "=")) return pair.substring(name.length() + 1);
        }
        throw new IllegalArgumentException("no " + name + " in " + query);
    }
}
