package dev.switchboard.domain.tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code transfer_to_human(reason)}: hands the caller to the assistant's transfer number once the
 * agent has spoken. Without a transfer number the model is told so and no hand-off happens.
 */
public final class TransferToHumanTool implements Tool {
    public static final String NAME = "transfer_to_human";
    private static final ToolDefinition DEFINITION = new ToolDefinition(NAME,
            "Transfer the call to a human at the business when the caller asks for a person, or when you cannot help "
                    + "(complaint, complex request, information you do not have).",
            Schemas.object(Schemas.properties("reason", Schemas.string(
                    "Why the caller needs a human, in a few words, e.g. \"wants to discuss a complaint\".")),
                    List.of("reason")));

    @Override
    public ToolDefinition definition() {
        return DEFINITION;
    }

    @Override
    public ToolOutcome run(ToolContext context, Map<String, Object> arguments) {
        var args = new ToolArguments(NAME, arguments);
        var reason = args.text("reason", false, 500);
        var details = new LinkedHashMap<String, Object>();
        details.put("reason", reason == null ? "" : reason);
        var target = context.assistant().transferNumber();
        if (target == null) {
            details.put("result", "no_transfer_number");
            return new ToolOutcome.Answer("No transfer possible: no human line is set up.", "Offer to take a message instead.", details);
        }
        details.put("result", "transferring");
        details.put("to", target.value());
        return new ToolOutcome.TransferToHuman(reason == null ? "caller asked for a human" : reason,
                "Transferring to a human now.", "Tell the caller in one short sentence that you are putting them through.", details);
    }
}
