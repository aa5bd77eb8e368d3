package dev.switchboard.testkit.llm;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a fake answers to one request: a status, headers and a body written as separate pieces
 * (one SSE event each when streaming), plus the misbehaviour a test wants: a delay before the
 * first byte, a delay between pieces, a connection cut or a stall after some pieces.
 * Immutable; the {@code with…} methods return changed copies.
 *
 * @param pieces body pieces, each written and flushed on its own
 * @param disconnectAfter cut the connection after this many pieces ({@code -1}: never)
 * @param stallAfter stop sending after this many pieces until the server stops ({@code -1}: never)
 */
public record ScriptedResponse(int status, Map<String, String> headers, List<String> pieces, Duration firstByteDelay,
                               Duration pieceDelay, int disconnectAfter, int stallAfter) {
    public ScriptedResponse {
        headers = Map.copyOf(headers);
        pieces = List.copyOf(pieces);
        Objects.requireNonNull(firstByteDelay, "firstByteDelay");
        Objects.requireNonNull(pieceDelay, "pieceDelay");
    }

    /** A server-sent-events stream, status 200. */
    public static ScriptedResponse sse(List<String> events) {
        return new ScriptedResponse(200, Map.of("content-type", "text/event-stream", "cache-control", "no-cache"),
                events, Duration.ZERO, Duration.ZERO, -1, -1);
    }

    /** A plain JSON answer, e.g. an error body. */
    public static ScriptedResponse json(int status, String body) {
        return new ScriptedResponse(status, Map.of("content-type", "application/json"), List.of(body),
                Duration.ZERO, Duration.ZERO, -1, -1);
    }

    public ScriptedResponse withHeader(String name, String value) {
        var copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ScriptedResponse(status, copy, pieces, firstByteDelay, pieceDelay, disconnectAfter, stallAfter);
    }

    /** Waits this long before sending the status line (latency to first byte). */
    public ScriptedResponse withFirstByteDelay(Duration delay) {
        return new ScriptedResponse(status, headers, pieces, delay, pieceDelay, disconnectAfter, stallAfter);
    }

    /** Waits this long before each piece after the first. */
    public ScriptedResponse withPieceDelay(Duration delay) {
        return new ScriptedResponse(status, headers, pieces, firstByteDelay, delay, disconnectAfter, stallAfter);
    }

    /** Cuts the TCP connection after {@code count} pieces, as a dropped upstream would. */
    public ScriptedResponse disconnectingAfter(int count) {
        return new ScriptedResponse(status, headers, pieces, firstByteDelay, pieceDelay, count, stallAfter);
    }

    /** Sends {@code count} pieces, then nothing more until the server is stopped. */
    public ScriptedResponse stallingAfter(int count) {
        return new ScriptedResponse(status, headers, pieces, firstByteDelay, pieceDelay, disconnectAfter, count);
    }
}
