package dev.switchboard.domain.conversation;

import java.util.Locale;

/**
 * The few fixed lines the engine says itself, when the model cannot (it failed, or a keypad
 * key decided), in the assistant's language: French or English for now.
 */
record SpokenLines(boolean french) {
    static SpokenLines forLanguage(String languageTag) {
        return new SpokenLines(languageTag != null && languageTag.toLowerCase(Locale.ROOT).startsWith("fr"));
    }

    String trouble() {
        return french ? "Désolé, j'ai un petit souci technique. Pouvez-vous répéter, s'il vous plaît ?"
                : "Sorry, I'm having a technical problem. Could you say that again, please?";
    }

    String transferring() {
        return french ? "Je vous mets en relation avec un conseiller, ne quittez pas."
                : "I'm connecting you with a member of our team, please hold.";
    }

    String goodbye() {
        return french ? "Merci de votre appel, au revoir !" : "Thank you for calling, goodbye!";
    }

    String nothingToRepeat() {
        return french ? "Je n'ai encore rien dit à répéter. Que puis-je faire pour vous ?"
                : "I haven't said anything yet. How can I help you?";
    }

    String tooManySteps() {
        return french ? "Je n'arrive pas à finaliser cela maintenant. Voulez-vous que je vous passe un conseiller ?"
                : "I can't complete that right now. Would you like me to connect you with a member of our team?";
    }
}
