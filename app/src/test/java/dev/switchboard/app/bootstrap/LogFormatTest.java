package dev.switchboard.app.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The shipped logback.xml, in each SWITCHBOARD_LOG_FORMAT, as an operator's log pipeline reads it. */
class LogFormatTest {
    private static String logOneLineOfACall(String format) throws Exception {
        var console = System.out;
        var captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        var context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        try {
            if (format != null) context.putProperty("SWITCHBOARD_LOG_FORMAT", format);
            var configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
            // A context of its own has its own MDC; the server's is the one behind org.slf4j.MDC.
            context.getMDCAdapter().put("tenantId", "7c1d2f0e-tenant");
            context.getMDCAdapter().put("callId", "3f8a-call");
            context.getLogger("dev.switchboard.twilio.in.RelaySession").info("turn {} answered", 3);
        } finally {
            context.getMDCAdapter().clear();
            context.stop();
            System.setOut(console);
        }
        return captured.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void json_lines_carry_the_calls_tenant_and_id() throws Exception {
        var line = new ObjectMapper().readTree(logOneLineOfACall("json"));

        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("loggerName").asText()).isEqualTo("dev.switchboard.twilio.in.RelaySession");
        assertThat(line.path("formattedMessage").asText()).isEqualTo("turn 3 answered");
        assertThat(line.path("mdc").path("callId").asText()).isEqualTo("3f8a-call");
        assertThat(line.path("mdc").path("tenantId").asText()).isEqualTo("7c1d2f0e-tenant");
    }

    /**
     * A warning while configuring makes logback print its whole status report on stdout at start-up:
     * ~25 lines that are not JSON in a stream of JSON lines (seen starting the server with json).
     */
    @Test
    void configuring_either_format_raises_no_warning() throws Exception {
        for (var format : new String[] {"json", "text"}) {
            var context = new LoggerContext();
            context.putProperty("SWITCHBOARD_LOG_FORMAT", format);
            var configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
            assertThat(new ch.qos.logback.core.status.StatusUtil(context).getHighestLevel(0)).as(format)
                    .isLessThan(ch.qos.logback.core.status.Status.WARN);
            context.stop();
        }
    }

    @Test
    void text_is_the_default_and_ends_with_the_call() throws Exception {
        var line = logOneLineOfACall(null);

        assertThat(line).contains("INFO", "turn 3 answered").contains("callId=3f8a-call").doesNotStartWith("{");
    }
}
