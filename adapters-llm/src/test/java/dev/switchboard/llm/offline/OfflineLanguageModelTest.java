package dev.switchboard.llm.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.conversation.Cancellation;
import dev.switchboard.domain.conversation.ChatTurn;
import dev.switchboard.domain.conversation.ModelReply;
import dev.switchboard.domain.conversation.ModelReply.StopReason;
import dev.switchboard.domain.conversation.ModelRequest;
import dev.switchboard.domain.tool.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** One reply at a time: intents that end the conversation, streaming, cancellation. */
class OfflineLanguageModelTest {
    private final OfflineLanguageModel model = new OfflineLanguageModel();

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource(delimiter = '|', textBlock = """
            Je voudrais parler à un conseiller         | fr-FR | transfer_to_human | Je vous mets en relation avec un conseiller, ne quittez pas.
            Est-ce que je peux parler au gérant ?      | fr-FR | transfer_to_human | Je vous mets en relation avec un conseiller, ne quittez pas.
            I want to speak to a human                 | en-US | transfer_to_human | I'm connecting you with a member of our team, please hold.
            Can you put me through to an agent         | en-US | transfer_to_human | I'm connecting you with a member of our team, please hold.
            Au revoir                                  | fr-FR | end_call          | Merci de votre appel, au revoir !
            C'est tout, merci                          | fr-FR | end_call          | Merci de votre appel, au revoir !
            That's all, goodbye                        | en-GB | end_call          | Thank you for calling, goodbye!
            Je voudrais annuler mon rendez-vous        | fr-FR | transfer_to_human | Pour annuler un rendez-vous, je vous passe un conseiller, ne quittez pas.
            """)
    void handsOffOrHangsUp(String said, String language, String tool, String text) {
        var heard = new ArrayList<String>();
        var reply = model.reply(request(language, new ChatTurn.CallerTurn(said)), heard::add, new Cancellation());

        assertThat(reply.text()).isEqualTo(text);
        assertThat(reply.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(reply.toolCalls()).extracting(ToolCall::id, ToolCall::name).containsExactly(org.assertj.core.groups.Tuple.tuple("offline-1", tool));
        assertThat(reply.toolCalls().get(0).arguments()).containsOnlyKeys("reason");
        assertThat(String.join("", heard)).isEqualTo(text + " ");
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource(delimiter = '|', textBlock = """
            Bonjour                     | fr-FR | Bonjour ! Comment puis-je vous aider ?
            Hello there                 | en-US | Hello! How can I help you today?
            Merci beaucoup              | fr-FR | Avec plaisir ! Puis-je faire autre chose pour vous ?
            Euh                         | fr-FR | Je peux prendre un rendez-vous, répondre à une question ou vous passer un conseiller. Que souhaitez-vous ?
            I'd like an appointment     | en-US | Sure. Which day would you like to come in?
            Je voudrais un rendez-vous  | fr-FR | Très bien. Pour quel jour souhaitez-vous le rendez-vous ?
            Hello                       | de-DE | Hello! How can I help you today?
            """)
    void answersSmallTalkWithoutTools(String said, String language, String text) {
        var reply = model.reply(request(language, new ChatTurn.CallerTurn(said)), delta -> { }, new Cancellation());

        assertThat(reply).isEqualTo(new ModelReply(text, List.of(), StopReason.END_TURN));
    }

    @Test
    void streamsWordByWord() {
        var pieces = new ArrayList<String>();
        var reply = model.reply(request("fr-FR", new ChatTurn.CallerTurn("Bonjour")), pieces::add, new Cancellation());

        assertThat(pieces).containsExactly("Bonjour ", "! ", "Comment ", "puis-je ", "vous ", "aider ", "?");
        assertThat(reply.text()).isEqualTo(String.join("", pieces));
    }

    @Test
    void stopsBetweenWordsWhenCancelledAndAsksForNoTool() {
        var cancellation = new Cancellation();
        var pieces = new ArrayList<String>();
        var reply = model.reply(request("fr-FR", new ChatTurn.CallerTurn("Au revoir")), delta -> {
            pieces.add(delta);
            if (pieces.size() == 2) cancellation.cancel();
        }, cancellation);

        assertThat(pieces).containsExactly("Merci ", "de ");
        assertThat(reply).isEqualTo(new ModelReply("Merci de ", List.of(), StopReason.CANCELLED));
    }

    @Test
    void saysNothingWhenAlreadyCancelled() {
        var cancellation = new Cancellation();
        cancellation.cancel();
        var pieces = new ArrayList<String>();

        var reply = model.reply(request("en-US", new ChatTurn.CallerTurn("Hello")), pieces::add, cancellation);

        assertThat(pieces).isEmpty();
        assertThat(reply).isEqualTo(new ModelReply("", List.of(), StopReason.CANCELLED));
    }

    @Test
    void isTheOfflineProvider() {
        assertThat(model.provider()).isEqualTo("offline");
    }

    @Test
    void greetsWhenThereIsNoCallerTurnYet() {
        var reply = model.reply(new ModelRequest(EngineLoop.TENANT, EngineLoop.SETTINGS, EngineLoop.prompt("en-US"), List.of(), List.of()),
                delta -> { }, new Cancellation());

        assertThat(reply).isEqualTo(new ModelReply("Hello! How can I help you today?", List.of(), StopReason.END_TURN));
    }

    @Test
    void booksWithATimeTheAgentOfferedWhenTheCallerJustAgrees() {
        var offered = new ToolCall("offline-1", "check_availability", Map.of("date", "2026-03-05", "service_type", "haircut"));
        var reply = model.reply(request("en-US",
                new ChatTurn.CallerTurn("Any availability on Thursday? This is Ann Lee."),
                new ChatTurn.AgentTurn("Let me check what's free on Thursday, March 5.", List.of(offered)),
                new ChatTurn.ToolResult("offline-1", "check_availability", "Free slots on 2026-03-05: 16:00-16:30, 17:30-18:00", false),
                new ChatTurn.AgentTurn("On Thursday, March 5 I have 4 PM or 5:30 PM available. What time suits you?", List.of()),
                new ChatTurn.CallerTurn("Yes, the first one please")), delta -> { }, new Cancellation());

        assertThat(reply).isEqualTo(new ModelReply("Let me book that for you.", List.of(new ToolCall("offline-2", "book_appointment",
                Map.of("date", "2026-03-05", "time", "16:00", "client_name", "Ann Lee", "service_type", "haircut"))), StopReason.TOOL_USE));
    }

    private static ModelRequest request(String language, ChatTurn... history) {
        return new ModelRequest(EngineLoop.TENANT, EngineLoop.SETTINGS, EngineLoop.prompt(language), List.of(history), EngineLoop.allTools());
    }

    @Test
    void a_reply_is_cut_into_words_exactly_where_the_pattern_it_replaced_cut_it() {
        var pattern = java.util.regex.Pattern.compile("(?<=\\s)(?=\\S)");
        for (var text : List.of("", " ", "Hello", "Hello there", "Hello there ", "  leading spaces", "tabs\tand\nnew lines\r\nhere",
                "double  spaces", "a", "Réservé pour 15 h\u00a0demain", "emoji 😀 ok", "x\u2003y")) {
            assertThat(OfflineLanguageModel.words(text)).as(text).containsExactly(pattern.split(text));
            assertThat(String.join("", OfflineLanguageModel.words(text))).isEqualTo(text);
        }
    }
}
