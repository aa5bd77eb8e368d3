package dev.switchboard.domain.tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code end_call(reason)}: hangs up once the agent has said goodbye. */
public final class EndCallTool implements Tool {
    public static final String NAME = "end_call";
    private static final ToolDefinition DEFINITION = new ToolDefinition(NAME,
            "End the call when the conversation is over (the caller said goodbye or has nothing more to ask), or when the "
                    + "caller is abusive or the call is clearly a wrong number.",
            Schemas.object(Schemas.properties("reason", Schemas.string(
                    "Why the call ends, in a few words, e.g. \"appointment booked, caller said goodbye\".")),
                    List.of("reason")));

    @Override
    public ToolDefinition definition() {
        return DEFINITION;
    }

    @Override
    public ToolOutcome run(ToolContext context, Map<String, Object> arguments) {
        var reason = new ToolArguments(NAME, arguments).text("reason", false, 500);
        var why = reason == null ? "conversation over" : reason;
        var details = new LinkedHashMap<String, Object>();
        details.put("reason", why);
        // The report goes into the call's records (the summary) and reads for a person; what the call
        // does next is the model's business, so it sits in the instruction.
        return new ToolOutcome.EndCall(why, "The agent ended the call (" + why + ").",
                "The call ends after your next message. Say a short goodbye.", details);
    }
}
