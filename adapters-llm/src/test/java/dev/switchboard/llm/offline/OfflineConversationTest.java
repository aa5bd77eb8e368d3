package dev.switchboard.llm.offline;

import static dev.switchboard.llm.offline.EngineLoop.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.tool.ToolCall;
import dev.switchboard.domain.tool.ToolOutcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whole scripted calls, the test playing the engine and the tools (answers worded as the platform's
 * tools word them); today is Monday 2 March 2026.
 */
class OfflineConversationTest {

    @Test
    void booksAHaircutInFrenchAskingOneThingAtATime() {
        var call = new EngineLoop("fr-FR", EngineLoop.allTools(), c -> switch (c.name()) {
            case "check_availability" -> answer("Free start times on 2026-03-03 (Tuesday) for a 30 min coupe: "
                    + "09:00, 09:30, 10:00, 14:00, 14:30.");
            case "book_appointment" -> answer("Booked: coupe for Marie Dupont on 2026-03-03 (Tuesday) from 14:00 to 14:30. "
                    + "Confirm it to the caller.");
            case "end_call" -> new ToolOutcome.EndCall("caller said goodbye", "The call ends after your next message.", Map.of());
            default -> throw new AssertionError(c);
        });

        assertThat(call.callerSays("Bonjour")).isEqualTo("Bonjour ! Comment puis-je vous aider ?");
        assertThat(call.callerSays("Je voudrais prendre rendez-vous pour une coupe demain"))
                .isEqualTo("Je regarde les disponibilités pour mardi 3 mars. "
                        + "Mardi 3 mars, j'ai de la place à 9 h, 10 h ou 14 h. Quelle heure vous convient ?");
        assertThat(call.callerSays("14h, s'il vous plaît")).isEqualTo("Très bien, mardi 3 mars à 14 h. À quel nom, s'il vous plaît ?");
        assertThat(call.callerSays("Marie Dupont.")).isEqualTo("Je vérifie et je réserve. "
                + "C'est noté : mardi 3 mars à 14 h pour une coupe, au nom de Marie Dupont. Puis-je faire autre chose pour vous ?");
        assertThat(call.callerSays("Non merci, au revoir")).isEqualTo("Merci de votre appel, au revoir ! ");

        assertThat(call.toolCalls).containsExactly(
                new ToolCall("offline-1", "check_availability", Map.of("date", "2026-03-03", "service_type", "coupe")),
                new ToolCall("offline-2", "book_appointment",
                        Map.of("date", "2026-03-03", "time", "14:00", "client_name", "Marie Dupont", "service_type", "coupe")),
                new ToolCall("offline-3", "end_call", Map.of("reason", "caller said goodbye")));
    }

    @Test
    void offersAlternativesInEnglishWhenTheSlotIsTakenThenBooksTheOneChosen() {
        var call = new EngineLoop("en-US", EngineLoop.allTools(), c -> switch (c.name()) {
            case "book_appointment" -> c.arguments().get("time").equals("11:00")
                    ? answer("Not booked: 2026-03-12 (Thursday) at 11:00 is already taken. Nearest free start times: 11:45, 14:00, "
                            + "2026-03-13 (Friday) 09:00. Ask the caller to choose one.")
                    : answer("Booked: blow-dry for John Smith on 2026-03-12 (Thursday) from 14:00 to 14:45. Confirm it to the caller.");
            case "search_knowledge" -> answer("Found 2 passages:\n1. Opening hours: We are open Tuesday to Saturday, 9 AM to 7 PM. "
                    + "Late opening on Thursdays until 9 PM. Parking is free behind the salon.\n2. Prices: a haircut is 30 euros.");
            case "transfer_to_human" -> new ToolOutcome.TransferToHuman("caller asked", "Transferring.", Map.of());
            default -> throw new AssertionError(c);
        });

        assertThat(call.callerSays("Hi, I'd like to book a blow-dry on March 12 at 11am, my name is John Smith"))
                .isEqualTo("Hello! Let me book that for you. That time isn't available. "
                        + "I can offer 11:45 AM, 2 PM or Friday, March 13 at 9 AM. Which would suit you?");
        assertThat(call.callerSays("2 pm works")).isEqualTo("Let me book that for you. You're all set: Thursday, March 12 at 2 PM "
                + "for a blow-dry, under the name John Smith. Is there anything else I can do for you?");
        assertThat(call.callerSays("What time do you close on Saturdays?")).isEqualTo("Let me check. "
                + "We are open Tuesday to Saturday, 9 AM to 7 PM. Late opening on Thursdays until 9 PM. "
                + "Is there anything else I can do for you?");
        assertThat(call.callerSays("Can I talk to the manager?")).isEqualTo("I'm connecting you with a member of our team, please hold. ");

        assertThat(call.toolCalls).containsExactly(
                new ToolCall("offline-1", "book_appointment",
                        Map.of("date", "2026-03-12", "time", "11:00", "client_name", "John Smith", "service_type", "blow-dry")),
                new ToolCall("offline-2", "book_appointment",
                        Map.of("date", "2026-03-12", "time", "14:00", "client_name", "John Smith", "service_type", "blow-dry")),
                new ToolCall("offline-3", "search_knowledge", Map.of("query", "What time do you close on Saturdays?")),
                new ToolCall("offline-4", "transfer_to_human", Map.of("reason", "caller asked for a person: Can I talk to the manager?")));
    }

    @Test
    void asksForThePhoneNumberWhenTheBookingToolNeedsOne() {
        var call = new EngineLoop("fr-FR", EngineLoop.allTools(), c -> c.arguments().containsKey("client_phone")
                ? answer("Booked: coupe for Paul Martin on 2026-03-06 (Friday) from 09:30 to 10:00. Confirm it to the caller.")
                : answer("Invalid arguments for book_appointment: client_phone is required (the caller's number is unknown). "
                        + "Ask the caller if needed, then call book_appointment again with corrected arguments."));

        assertThat(call.callerSays("Bonjour, c'est Paul Martin, je voudrais un rendez-vous vendredi à 9h30"))
                .isEqualTo("Bonjour ! Je vérifie et je réserve. À quel numéro de téléphone peut-on vous joindre ?");
        assertThat(call.callerSays("C'est le 06 12 34 56 78")).isEqualTo("Je vérifie et je réserve. "
                + "C'est noté : vendredi 6 mars à 9 h 30 pour une coupe, au nom de Paul Martin. Puis-je faire autre chose pour vous ?");

        assertThat(call.toolCalls).containsExactly(
                new ToolCall("offline-1", "book_appointment",
                        Map.of("date", "2026-03-06", "time", "09:30", "client_name", "Paul Martin", "service_type", "coupe")),
                new ToolCall("offline-2", "book_appointment", Map.of("date", "2026-03-06", "time", "09:30", "client_name", "Paul Martin",
                        "client_phone", "0612345678", "service_type", "coupe")));
    }

    @Test
    void aQuestionInTheMiddleOfABookingComesBackToIt() {
        var call = new EngineLoop("fr-FR", EngineLoop.allTools(), c -> switch (c.name()) {
            case "search_knowledge" -> answer("Found 1 passage:\n1. Tarifs : une coupe femme coûte 35 euros, une coupe homme 25 euros.");
            case "check_availability" -> answer("Closed on 2026-03-09 (Monday). Next open day: 2026-03-10 (Tuesday).");
            default -> throw new AssertionError(c);
        });

        assertThat(call.callerSays("Je voudrais un rendez-vous lundi")).isEqualTo("Je regarde les disponibilités pour lundi 9 mars. "
                + "Nous sommes fermés lundi 9 mars. Quel autre jour vous conviendrait ?");
        assertThat(call.callerSays("Combien coûte une coupe ?")).isEqualTo("Je regarde. "
                + "Une coupe femme coûte 35 euros, une coupe homme 25 euros. Très bien. Pour quel jour souhaitez-vous le rendez-vous ?");
    }

    @Test
    void saysItDoesNotKnowWhenTheSearchFindsNothing() {
        var call = new EngineLoop("en-GB", EngineLoop.allTools(), c -> answer("No information found for \"" + c.arguments().get("query")
                + "\". Do not guess: say you do not know, and offer a transfer or a message."));

        assertThat(call.callerSays("Do you sell gift cards?")).isEqualTo("Let me check. I'm afraid I don't have that information. "
                + "Would you like me to put you through to a member of our team?");
    }

    @Test
    void apologisesWhenBookingFailsOrIsNotPossibleByPhone() {
        var broken = new EngineLoop("en-US", EngineLoop.allTools(), c -> new ToolOutcome.Failed("book_appointment timed out", Map.of()));
        assertThat(broken.callerSays("Book me tomorrow at 10:30, my name is Ann Lee")).isEqualTo("Let me book that for you. "
                + "Sorry, I couldn't book that. Would you like me to put you through to a member of our team?");

        var unconfigured = new EngineLoop("en-US", EngineLoop.allTools(), c -> answer("Appointments cannot be booked by phone: this business "
                + "has not set its opening hours. Offer a transfer or a message instead."));
        assertThat(unconfigured.callerSays("Book me tomorrow at 10:30, my name is Ann Lee")).isEqualTo("Let me book that for you. "
                + "Sorry, I can't book appointments by phone at the moment. Would you like me to put you through to a member of our team?");
    }

    @Test
    void withoutToolsItStillAnswersButNeverPretendsToBook() {
        var call = new EngineLoop("fr-FR", List.of(), c -> {
            throw new AssertionError(c);
        });

        assertThat(call.callerSays("Demain à 15h au nom de Marie Curie, une couleur")).isEqualTo(
                "Désolé, je n'ai pas pu enregistrer le rendez-vous. Voulez-vous que je vous passe un conseiller ?");
        assertThat(call.callerSays("Je veux parler à un conseiller")).isEqualTo(
                "Désolé, je ne peux pas vous transférer pour le moment. Puis-je vous aider autrement ?");
        assertThat(call.callerSays("Au revoir")).isEqualTo("Merci de votre appel, au revoir !");
    }
}
