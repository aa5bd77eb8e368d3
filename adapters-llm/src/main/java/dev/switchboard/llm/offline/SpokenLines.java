package dev.switchboard.llm.offline;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What the offline speech model says, in French when the assistant speaks French, else in English. */
record SpokenLines(boolean french) {
    static SpokenLines forLanguage(String language) {
        return new SpokenLines(language != null && language.toLowerCase(Locale.ROOT).startsWith("fr"));
    }

    String greeting() {
        return french ? "Bonjour, que puis-je faire pour vous ?" : "Hello, how can I help you?";
    }

    String pressOne() {
        return french ? "Je suis la voix de démonstration hors ligne et je ne comprends pas encore les mots. "
                + "Tapez 1 pour réserver le premier créneau libre."
                : "I am the offline demo voice, so I cannot understand words yet. Press 1 to book the first free slot.";
    }

    String cannotBook() {
        return french ? "Je suis la voix de démonstration hors ligne et je ne peux pas prendre de rendez-vous sur cette ligne. Au revoir."
                : "I am the offline demo voice, and this line cannot book appointments. Goodbye.";
    }

    String noFreeSlot() {
        return french ? "Désolé, je ne trouve aucun créneau libre dans les deux prochaines semaines."
                : "Sorry, I could not find a free slot in the next two weeks.";
    }

    String notBooked() {
        return french ? "Désolé, je n'ai pas pu réserver ce créneau. Tapez 1 pour réessayer."
                : "Sorry, I could not book that slot. Press 1 to try again.";
    }

    String booked(LocalDate date, LocalTime time) {
        var day = DateTimeFormatter.ofPattern(french ? "EEEE d MMMM" : "EEEE d MMMM", french ? Locale.FRENCH : Locale.ENGLISH).format(date);
        var at = DateTimeFormatter.ofPattern("HH:mm").format(time);
        return french ? "C'est réservé pour " + day + " à " + at + ". Merci de votre appel, au revoir."
                : "You are booked for " + day + " at " + at + ". Thank you for calling, goodbye.";
    }

    String transferring() {
        return french ? "Je vous passe un collègue." : "Let me put you through to a colleague.";
    }

    String goodbye() {
        return french ? "Merci de votre appel. Au revoir." : "Thank you for calling. Goodbye.";
    }

    /** Who the booking is for: the offline model hears no name. */
    String clientName() {
        return french ? "Client au téléphone" : "Phone caller";
    }

    String service() {
        return french ? "rendez-vous" : "appointment";
    }

    String spoke(long millis) {
        return String.format(Locale.ROOT, french ? "[parole, %.1f s]" : "[speech, %.1f s]", millis / 1000.0);
    }

    String pressed(char digit) {
        return (french ? "[touche " : "[pressed ") + digit + "]";
    }
}
