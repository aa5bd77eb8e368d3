package dev.switchboard.domain.conversation;

import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.call.CallContext;

/**
 * Puts a call's {@link CallContext} into what the agent is told: {@code {{variables}}} filled in
 * its prompt and first message, and the whole context appended to its prompt as a delimited
 * block of data — so the agent of an outbound call knows the order it calls about.
 */
public final class OutboundPrompts {
    private OutboundPrompts() {}

    /** The assistant as it speaks on this call; the same assistant when the context is empty. */
    public static Assistant personalize(Assistant assistant, CallContext context) {
        if (context == null || context.isEmpty()) return assistant;
        var prompt = context.fill(assistant.systemPrompt()).strip() + "\n\n" + context.promptBlock();
        return assistant.withPrompts(prompt, context.fill(assistant.firstMessage()));
    }
}
