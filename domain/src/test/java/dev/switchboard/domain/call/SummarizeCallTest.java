package dev.switchboard.domain.call;

import static dev.switchboard.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.shared.TenantId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummarizeCallTest {
    private final InMemoryCallRepository calls = new InMemoryCallRepository();
    private final SummarizeCall summarize = new SummarizeCall(calls, CallRecorder.direct(calls));

    /** Seen on a simulated call: "… from 14:00 to 14:30.." — the tool's report ends a sentence, and so did the summary. */
    @Test
    void a_tools_report_ending_with_a_full_stop_does_not_double_the_summarys() {
        var tenant = TenantId.random();
        var call = Fixtures.call(tenant, T0).advance(CallStatus.COMPLETED, T0.plusSeconds(30)).call();
        calls.add(call);
        calls.appendEvent(new CallEvent(call.id(), tenant, T0.plusSeconds(10), "tool.result", Map.of("name", "book_appointment",
                "outcome", "Booked", "report", "Booked: haircut for Marie Dupont from 14:00 to 14:30.")));
        calls.appendEvent(new CallEvent(call.id(), tenant, T0.plusSeconds(20), "tool.result", Map.of("name", "send_sms",
                "outcome", "Sent", "report", "Text sent to +33612345678.")));

        assertThat(summarize.summarize(call)).endsWith(
                "Actions: book_appointment: Booked: haircut for Marie Dupont from 14:00 to 14:30; send_sms: Text sent to +33612345678.");
    }

    /** Issue 13: the summary read "end_call: The call ends after your next message", words meant for the model. */
    @Test
    void an_ended_call_reads_for_a_person() {
        var tenant = TenantId.random();
        var call = Fixtures.call(tenant, T0).advance(CallStatus.COMPLETED, T0.plusSeconds(30)).call();
        calls.add(call);
        var ended = new dev.switchboard.domain.tool.EndCallTool().run(null, Map.of("reason", "caller said goodbye"));
        calls.appendEvent(new CallEvent(call.id(), tenant, T0.plusSeconds(10), "tool.result", Map.of("name", "end_call",
                "outcome", ended.getClass().getSimpleName(), "report", ended.report())));

        assertThat(summarize.summarize(call)).endsWith("Actions: end_call: The agent ended the call (caller said goodbye).")
                .doesNotContain("your next message");
        assertThat(ended.forModel()).contains("The call ends after your next message.");
    }
}
