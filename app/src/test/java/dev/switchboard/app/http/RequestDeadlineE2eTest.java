package dev.switchboard.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Api;
import dev.switchboard.domain.Fixtures;
import dev.switchboard.testkit.caller.VirtualCaller;
import java.time.Duration;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Slow-loris: a request must arrive whole within {@code switchboard.http.request-deadline} of its
 * first byte (1 s here). Before, Micronaut's idle timeout restarted with every byte, and a header
 * sent a byte at a time held its connection open indefinitely.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestDeadlineE2eTest implements TestPropertyProvider {
    private static final String PUBLIC_URL = "https://switchboard.test";
    private static final String AUTH_TOKEN = "deadline-twilio-auth-token";

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("switchboard.http.request-deadline", "1s", "switchboard.public-url", PUBLIC_URL,
                "switchboard.twilio.auth-token", AUTH_TOKEN);
    }

    @Test
    void headers_sent_a_byte_at_a_time_are_answered_408_and_the_connection_closed() throws Exception {
        try (var socket = connect()) {
            var out = socket.getOutputStream();
            write(out, "GET /health HTTP/1.1\r\nHost: a\r\nX-Slow: ");
            var trickle = trickle(out);
            var answer = readToEnd(socket.getInputStream());
            trickle.interrupt();
            assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json", "\"status\":408");
        }
    }

    @Test
    void a_body_sent_a_byte_at_a_time_has_its_connection_closed_unanswered() throws Exception {
        try (var socket = connect()) {
            var out = socket.getOutputStream();
            write(out, "POST /api/v1/auth/login HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"email\":");
            var trickle = trickle(out);
            var answer = readToEnd(socket.getInputStream());
            trickle.interrupt();
            // Closed by the deadline (the read above ended): no answer to a request that never arrived whole.
            assertThat(answer).doesNotStartWith("HTTP/1.1 2");
        }
    }

    @Test
    void a_kept_alive_connection_waits_between_requests_longer_than_the_deadline() throws Exception {
        try (var socket = connect()) {
            var out = socket.getOutputStream();
            var in = socket.getInputStream();
            write(out, "GET /health HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(readAnswerHead(in)).startsWith("HTTP/1.1 200");
            Thread.sleep(1_500);
            write(out, "GET /health HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(readAnswerHead(in)).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void a_call_on_its_websocket_outlives_the_deadline() throws Exception {
        var owner = new Api(server, json).newTenant("Salon lent");
        var assistantId = (String) owner.post("/api/v1/assistants", Map.of("name", "Accueil", "systemPrompt", "Tu réponds au téléphone.",
                "language", "fr-FR", "model", Map.of("provider", "offline", "model", "demo-brain"), "tools", List.of("end_call"))).json().get("id");
        var number = Fixtures.randomE164();
        assertThat(owner.post("/api/v1/phone-numbers", Map.of("number", number, "assistantId", assistantId)).status()).isEqualTo(201);
        var call = VirtualCaller.builder(server.getURL().toString()).publicUrl(PUBLIC_URL).authToken(AUTH_TOKEN).from("+33612345678").to(number)
                .replyTimeout(Duration.ofSeconds(20)).build().dial();
        assertThat(call.say("Bonjour")).isPresent();
        Thread.sleep(1_500);
        assertThat(call.say("Vous êtes ouverts demain ?")).isPresent();
        assertThat(call.isLive()).isTrue();
    }

    private Socket connect() throws IOException {
        var socket = new Socket(server.getHost(), server.getPort());
        // Generous: the deadline is 1 s; this only keeps a broken server from hanging the build.
        socket.setSoTimeout(60_000);
        return socket;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Sends one byte every 100 ms until interrupted or the server closes. */
    private static Thread trickle(OutputStream out) {
        var thread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                // closed by the server, or done
            }
        }, "slow-client");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String readToEnd(InputStream in) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try {
            in.transferTo(bytes);
        } catch (java.net.SocketException reset) {
            // A reset after the answer still ends the connection.
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    /** Reads one answer with a Content-Length body; returns its status line and headers. */
    private static String readAnswerHead(InputStream in) throws IOException {
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new IOException("closed after: " + head);
            head.append((char) b);
        }
        var length = head.toString().lines().filter(l -> l.toLowerCase().startsWith("content-length:")).findFirst()
                .map(l -> Integer.parseInt(l.substring(15).strip())).orElse(0);
        in.readNBytes(length);
        return head.toString();
    }
}
