package dev.switchboard.llm.offline;

import dev.switchboard.domain.conversation.Cancellation;
import dev.switchboard.domain.conversation.ModelReply;
import dev.switchboard.domain.conversation.ModelReply.StopReason;
import dev.switchboard.domain.conversation.ModelRequest;
import dev.switchboard.domain.conversation.ReplyListener;
import dev.switchboard.llm.ProviderModel;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * The model behind {@code provider: "offline"}: a rule-based demo brain, not a language model, so
 * a fresh install can hold a real booking conversation with no API key. Deterministic; French
 * when the system prompt says {@code Language: speak fr-…}, English otherwise; "today" is the
 * prompt's {@code Current local date and time}. It keeps nothing between calls: each request's
 * history is re-read from the start (see {@link BookingSlots}).
 *
 * <p>It understands greetings, booking requests with day and time expressions
 * ({@link DateTimeExpressions}), names, phone numbers and a few services, questions (answered from
 * {@code search_knowledge}), requests for a person ({@code transfer_to_human}) and goodbyes
 * ({@code end_call}); it books with {@code book_appointment}, looking at {@code check_availability}
 * first when the caller gave a day but no time. It only calls the tools the request offers. The
 * reply streams word by word; cancellation stops it between words. Thread-safe (stateless).
 */
@Singleton
@Named(OfflineLanguageModel.PROVIDER)
public final class OfflineLanguageModel implements ProviderModel {
    public static final String PROVIDER = "offline";

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public ModelReply reply(ModelRequest request, ReplyListener listener, Cancellation cancellation) {
        if (cancellation.isCancelled()) return new ModelReply("", List.of(), StopReason.CANCELLED);
        var plan = new ReplyPlanner(request).plan();
        var calls = plan.toolCalls();
        // A space after words that precede a tool call, so the next round's words do not run into them.
        var text = calls.isEmpty() ? plan.text() : plan.text() + " ";
        var said = new StringBuilder();
        for (var word : words(text)) {
            if (cancellation.isCancelled()) return new ModelReply(said.toString(), List.of(), StopReason.CANCELLED);
            listener.onText(word);
            said.append(word);
        }
        if (cancellation.isCancelled()) return new ModelReply(said.toString(), List.of(), StopReason.CANCELLED);
        return new ModelReply(plan.text(), calls, calls.isEmpty() ? StopReason.END_TURN : StopReason.TOOL_USE);
    }

    /**
     * The text cut before each word that follows white space ("Hello there" → "Hello ", "there"),
     * so the pieces join back to the text. By hand: a look-around pattern split on every reply
     * showed in the profile at 1,000 calls (issue 12).
     */
    static List<String> words(String text) {
        var words = new ArrayList<String>();
        int start = 0;
        for (int i = 1; i < text.length(); i++) {
            if (isSpace(text.charAt(i - 1)) && !isSpace(text.charAt(i))) {
                words.add(text.substring(start, i));
                start = i;
            }
        }
        if (start < text.length() || words.isEmpty()) words.add(text.substring(start));
        return words;
    }

    /** What {@code \\s} matches. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
