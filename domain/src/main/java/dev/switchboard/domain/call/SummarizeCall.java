package dev.switchboard.domain.call;

import dev.switchboard.domain.call.CallMessage.Speaker;
import java.util.ArrayList;

/**
 * Writes the after-call summary from what the records say — outcome, what the caller wanted,
 * what the agent did — so it is the same for every runtime and never invents anything.
 */
public final class SummarizeCall {
    private static final int INTENT_CHARS = 160;
    /** How long a summary waits for this instance's queued records before writing from what is stored. */
    static final java.time.Duration FLUSH_WAIT = java.time.Duration.ofSeconds(5);
    private final CallRepository calls;
    private final CallRecorder recorder;

    public SummarizeCall(CallRepository calls, CallRecorder recorder) {
        this.calls = calls;
        this.recorder = recorder;
    }

    public String summarize(Call call) {
        // Read-your-writes: the call's last turns may still be queued in this instance's recorder.
        recorder.flush(FLUSH_WAIT);
        var events = calls.events(call.tenantId(), call.id());
        var outcome = new StringBuilder(call.status().wireName());
        var actions = new ArrayList<String>();
        for (var event : events) {
            switch (event.type()) {
                case "handoff" -> outcome.append(", handed to a human (").append(event.data().getOrDefault("reason", "")).append(')');
                case "hangup" -> outcome.append(", ended by the agent (").append(event.data().getOrDefault("reason", "")).append(')');
                // The relay runtime notes a tool's outcome in tool.result; the stream and Vapi runtimes in tool.called.
                case "tool.result", "tool.called" -> {
                    var result = event.data().get("outcome");
                    // A report is a sentence of its own ("Booked: … 14:30."): its full stop would double the summary's.
                    if (result != null && !"Failed".equals(result))
                        actions.add(event.data().get("name") + ": " + String.valueOf(report(event)).strip().replaceAll("\\.+$", ""));
                }
                default -> { }
            }
        }
        if (call.durationSeconds() != null) outcome.append(", ").append(call.durationSeconds()).append(" s");
        var intent = calls.messages(call.tenantId(), call.id()).stream().filter(m -> m.speaker() == Speaker.CALLER)
                .map(CallMessage::text).findFirst().map(SummarizeCall::shorten).orElse("(the caller said nothing)");
        return "Outcome: " + outcome + ". Caller intent: " + intent + ". Actions: "
                + (actions.isEmpty() ? "none" : String.join("; ", actions)) + ".";
    }

    /**
     * What the tool did, without the instruction the model got with it ("Confirm it to the
     * caller."): that was for the model, not for whoever reads the summary. Events stored before
     * reports were kept separately only have the whole text.
     */
    private static Object report(CallEvent event) {
        var report = event.data().get("report");
        return report != null ? report : event.data().get("result");
    }

    private static String shorten(String text) {
        var line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= INTENT_CHARS ? "\"" + line + "\"" : "\"" + line.substring(0, INTENT_CHARS) + "…\"";
    }
}
