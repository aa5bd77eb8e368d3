package dev.switchboard.twilio.in;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.websocket.WebSocketSession;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What the relay socket's client receives when tokens come faster than the socket writes them. */
class RelayOutputTest {
    /** Micronaut's session, as far as the output uses it: writes complete when the test says so. */
    private static final class Socket {
        final List<String> sent = new ArrayList<>();
        final List<CompletableFuture<Object>> writes = new ArrayList<>();
        boolean open = true;
        final WebSocketSession session = (WebSocketSession) Proxy.newProxyInstance(WebSocketSession.class.getClassLoader(),
                new Class<?>[] {WebSocketSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isOpen" -> open;
                    case "sendAsync" -> {
                        sent.add((String) args[0]);
                        var write = new CompletableFuture<Object>();
                        writes.add(write);
                        yield write;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });

        void completeWrites() {
            for (int i = 0; i < writes.size(); i++) writes.get(i).complete(null);
        }
    }

    private final Socket socket = new Socket();
    private final RelayOutput output = new RelayOutput(socket.session, JsonMapper.createDefault(), "call-1");

    @Test
    void the_first_token_leaves_at_once_and_the_tokens_behind_a_write_leave_together() {
        output.text("Hello", false);
        output.text(" there,", false);
        output.text(" how can I help?", true);

        assertThat(socket.sent).containsExactly("{\"type\":\"text\",\"token\":\"Hello\",\"last\":false}");

        socket.completeWrites();

        assertThat(socket.sent).containsExactly("{\"type\":\"text\",\"token\":\"Hello\",\"last\":false}",
                "{\"type\":\"text\",\"token\":\" there, how can I help?\",\"last\":true}");
    }

    @Test
    void a_new_reply_is_never_joined_to_the_end_of_the_last_one() {
        output.text("One", false);
        output.text(" reply.", true);
        output.text("Another", false);
        output.text(" one.", true);

        socket.completeWrites();
        socket.completeWrites();

        assertThat(socket.sent).containsExactly("{\"type\":\"text\",\"token\":\"One\",\"last\":false}",
                "{\"type\":\"text\",\"token\":\" reply.\",\"last\":true}",
                "{\"type\":\"text\",\"token\":\"Another one.\",\"last\":true}");
    }

    @Test
    void a_message_sent_after_tokens_leaves_after_them_and_text_after_it_is_not_joined_before_it() {
        output.text("Goodbye", false);
        output.text(" for now", false);
        output.hangUp("caller said goodbye");
        output.text("never joined above", true);

        for (int i = 0; i < 4; i++) socket.completeWrites();

        assertThat(socket.sent).hasSize(4);
        assertThat(socket.sent.get(0)).isEqualTo("{\"type\":\"text\",\"token\":\"Goodbye\",\"last\":false}");
        assertThat(socket.sent.get(1)).isEqualTo("{\"type\":\"text\",\"token\":\" for now\",\"last\":false}");
        assertThat(socket.sent.get(2)).contains("\"type\":\"end\"").contains("caller said goodbye");
        assertThat(socket.sent.get(3)).isEqualTo("{\"type\":\"text\",\"token\":\"never joined above\",\"last\":true}");
    }

    @Test
    void once_the_caller_has_hung_up_nothing_more_is_written() {
        output.text("Hello", false);
        socket.open = false;
        output.text(" there", true);
        socket.completeWrites();

        assertThat(socket.sent).hasSize(1);
        output.text("Later", true);
        assertThat(socket.sent).hasSize(1);
    }
}
