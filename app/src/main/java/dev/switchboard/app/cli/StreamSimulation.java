package dev.switchboard.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testkit.caller.CallerAudio;
import dev.switchboard.testkit.caller.StreamCall;
import dev.switchboard.testkit.caller.VirtualCaller;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code simulate --stream}: one call on the stream runtime, as Twilio places it (signed voice
 * webhook, {@code <Connect><Stream>}, the Media Streams socket with μ-law in real time). The
 * caller hears the agent out, speaks (a speech-like signal), hears the agent out again and
 * presses 1 as a keypad tone in the audio, then waits for the agent to finish and the call to end.
 * The phone hears only audio, so the words come afterwards from the server's own record of the
 * call (its transcript, the tools it ran), read through the API.
 */
final class StreamSimulation {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration QUIET = Duration.ofMillis(500);
    private final VirtualCaller caller;
    private final String url;
    private final Duration timeout;
    private final Supplier<String> bearer;
    private final PrintWriter out;
    private final PrintWriter err;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param bearer a token to read the call's record with, or null when there is none (asked for only after the call) */
    StreamSimulation(VirtualCaller caller, String url, Duration timeout, Supplier<String> bearer, PrintWriter out, PrintWriter err) {
        this.caller = caller;
        this.url = url.replaceAll("/$", "");
        this.timeout = timeout;
        this.bearer = bearer;
        this.out = out;
        this.err = err;
    }

    int run() throws InterruptedException {
        StreamCall call;
        try {
            call = caller.dialStream(CallerAudio.silence());
        } catch (RuntimeException e) {
            err.println("cannot reach the server at " + url + " (" + e.getMessage() + "); start it with ./switchboard");
            return 1;
        }
        try (call) {
            var problem = refused(call);
            if (problem != null) {
                err.println(problem);
                return 1;
            }
            out.println("Stream call " + call.callSid() + ": Media Streams socket open, 8 kHz μ-law both ways in real time");
            out.printf(Locale.ROOT, "  agent   %s%n", spoke(call.awaitAgentTurn(QUIET, timeout)));
            out.println("  caller  speaks for 1.2 s (a speech-like signal)");
            call.speak(1200);
            out.printf(Locale.ROOT, "  agent   %s%n", spoke(call.awaitAgentTurn(QUIET, timeout)));
            out.println("  caller  presses 1 (its keypad tone, in the audio)");
            call.pressInBand('1');
            try {
                out.printf(Locale.ROOT, "  agent   %s%n", spoke(call.awaitAgentTurn(QUIET, timeout)));
            } catch (AssertionError silentOrGone) {
                out.println("  agent   (no answer: " + silentOrGone.getMessage() + ")");
            }
            // The agent ends the call through Twilio's REST API; without a reachable Twilio the server closes the socket.
            boolean closed = call.awaitServerClosed(Duration.ofSeconds(5));
            out.println(closed ? "  (the server ended the stream)" : "  (the caller hangs up)");
            call.hangUp();
            return report(call.callSid());
        }
    }

    /** Why the call never reached a stream socket, or null when it did. */
    private String refused(StreamCall call) {
        var webhook = call.voiceWebhook();
        if (webhook.status() < 0)
            return "cannot reach the server at " + url + webhook.failure().map(f -> " (" + f + ")").orElse("") + "; start it with ./switchboard";
        if (!webhook.ok()) return "the voice webhook answered " + webhook.status() + ": " + webhook.body();
        var stream = call.twiml().flatMap(t -> t.connect()).flatMap(c -> c.streamUrl());
        if (stream.isEmpty())
            return "the number's assistant does not run on the stream runtime (no <Connect><Stream> in its TwiML); "
                    + "call the demo stream line with --number +15005550007, or drop --stream";
        if (call.handshakeStatus() != 101) return "the stream socket was refused (HTTP " + call.handshakeStatus() + ")";
        return null;
    }

    private static String spoke(long millis) {
        return String.format(Locale.ROOT, "spoke for %.1f s", millis / 1000.0);
    }

    /** The server's record of the call: transcript, the fallback note, the tools run and the booking. */
    private int report(String callSid) throws InterruptedException {
        var token = bearer.get();
        if (token == null) {
            out.println("\n(no API token to read the transcript: pass --api-token, or use the demo tenant's data directory)");
            return 0;
        }
        try {
            var link = CallLink.find(url, token, callSid);
            if (link.isEmpty()) {
                out.println("\n(the call is not among the tenant's calls; is the token for the number's tenant?)");
                return 1;
            }
            JsonNode detail = get("/api/v1/calls/" + link.get().callId(), token);
            out.println("\nTranscript, as the server recorded it:");
            for (var message : detail.path("transcript"))
                out.printf(Locale.ROOT, "  %-7s %s%s%n", message.path("speaker").asText() + ":", message.path("text").asText(),
                        message.path("interrupted").asBoolean() ? " (interrupted)" : "");
            String booked = null;
            for (var event : detail.path("timeline")) {
                var type = event.path("type").asText();
                var data = event.path("data");
                if (type.equals("model.offline")) out.println("Timeline: " + data.path("reason").asText());
                if (type.equals("tool.called")) {
                    var tool = data.path("name").asText();
                    out.println("Tool:     " + tool + " → " + data.path("result").asText());
                    var details = data.path("details");
                    if (tool.equals("book_appointment") && details.has("time") && data.path("result").asText().startsWith("Booked"))
                        booked = details.path("date").asText() + " at " + details.path("time").asText();
                }
            }
            out.println(booked != null ? "Booked:   " + booked : "Nothing was booked.");
            out.println("Status:   " + detail.path("call").path("status").asText());
            link.get().lines().forEach(out::println);
            return 0;
        } catch (IOException e) {
            out.println("\n(could not read the call's record: " + e.getMessage() + ")");
            return 1;
        }
    }

    private JsonNode get(String path, String token) throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IOException("GET " + path + " answered " + response.statusCode());
        return JSON.readTree(response.body());
    }

    /** Logs in with {@code email} / {@code password}; null when that fails. */
    static String login(String url, String email, String password) {
        try {
            var body = JSON.writeValueAsString(Map.of("email", email, "password", password));
            var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url.replaceAll("/$", "") + "/api/v1/auth/login"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()).path("access_token").asText(null) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
