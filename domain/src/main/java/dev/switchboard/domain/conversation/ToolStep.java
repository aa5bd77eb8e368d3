package dev.switchboard.domain.conversation;

import dev.switchboard.domain.call.CallMessage.Speaker;
import dev.switchboard.domain.tool.ToolCall;
import dev.switchboard.domain.tool.ToolContext;
import dev.switchboard.domain.tool.ToolOutcome;
import dev.switchboard.domain.tool.ToolRunner;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs one tool call and puts it on the timeline and transcript: called, result, duration. */
final class ToolStep {
    private final CallTimeline timeline;
    private final ToolRunner tools;

    ToolStep(CallTimeline timeline, ToolRunner tools) {
        this.timeline = timeline;
        this.tools = tools;
    }

    ToolOutcome run(ToolContext context, ToolCall call) {
        timeline.event("tool.called", Map.of("id", call.id(), "name", call.name(), "arguments", call.arguments()));
        long started = System.nanoTime();
        var outcome = tools.run(context, call);
        var data = new LinkedHashMap<String, Object>();
        data.put("id", call.id());
        data.put("name", call.name());
        data.put("outcome", outcome.getClass().getSimpleName());
        data.put("durationMs", (System.nanoTime() - started) / 1_000_000);
        data.put("result", outcome.forModel());
        // What happened without what the model was told to do with it: the summary's words.
        data.put("report", outcome.report());
        data.put("details", outcome.details());
        timeline.event("tool.result", data);
        timeline.said(Speaker.TOOL, call.name() + ": " + outcome.forModel());
        return outcome;
    }
}
