package dev.switchboard.llm.offline;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Everything the demo brain says, in French or English: short spoken sentences, one question at a time. */
record OfflineReplies(boolean french) {
    private static final DateTimeFormatter FRENCH_DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.FRENCH);
    private static final DateTimeFormatter ENGLISH_DAY = DateTimeFormatter.ofPattern("EEEE, MMMM d", Locale.ENGLISH);

    String hello() { return fr("Bonjour !", "Hello!"); }

    String greeting() { return fr("Bonjour ! Comment puis-je vous aider ?", "Hello! How can I help you today?"); }

    String offerHelp() {
        return fr("Je peux prendre un rendez-vous, répondre à une question ou vous passer un conseiller. Que souhaitez-vous ?",
                "I can book an appointment, answer a question or put you through to a member of our team. What would you like?");
    }

    String welcome() {
        return fr("Avec plaisir ! Puis-je faire autre chose pour vous ?", "You're welcome! Is there anything else I can do for you?");
    }

    String anythingElse() { return fr("Puis-je faire autre chose pour vous ?", "Is there anything else I can do for you?"); }

    String goodbye() { return fr("Merci de votre appel, au revoir !", "Thank you for calling, goodbye!"); }

    String transferring() {
        return fr("Je vous mets en relation avec un conseiller, ne quittez pas.", "I'm connecting you with a member of our team, please hold.");
    }

    String cannotTransfer() {
        return fr("Désolé, je ne peux pas vous transférer pour le moment. Puis-je vous aider autrement ?",
                "Sorry, I can't transfer you right now. Can I help you another way?");
    }

    String cancelThroughHuman() {
        return fr("Pour annuler un rendez-vous, je vous passe un conseiller, ne quittez pas.",
                "To cancel an appointment, I'll put you through to a member of our team, please hold.");
    }

    String cannotCancel() {
        return fr("Désolé, je ne peux pas annuler de rendez-vous moi-même. Puis-je faire autre chose pour vous ?",
                "Sorry, I can't cancel appointments myself. Is there anything else I can do for you?");
    }

    String askDate() { return fr("Très bien. Pour quel jour souhaitez-vous le rendez-vous ?", "Sure. Which day would you like to come in?"); }

    String checking(LocalDate date) {
        return fr("Je regarde les disponibilités pour " + day(date) + ".", "Let me check what's free on " + day(date) + ".");
    }

    String askTime(LocalDate date) { return fr("Pour " + day(date) + ", à quelle heure ?", "At what time on " + day(date) + "?"); }

    String askName(LocalDate date, LocalTime time) {
        return fr("Très bien, " + at(date, time) + ". À quel nom, s'il vous plaît ?",
                "Great, " + at(date, time) + ". May I have your name, please?");
    }

    String askPhone() { return fr("À quel numéro de téléphone peut-on vous joindre ?", "What phone number can we reach you on?"); }

    String booking() { return fr("Je vérifie et je réserve.", "Let me book that for you."); }

    String confirmed(LocalDate date, LocalTime time, String service, String name) {
        return fr("C'est noté : " + at(date, time) + " pour " + service + ", au nom de " + name + ". Puis-je faire autre chose pour vous ?",
                "You're all set: " + at(date, time) + " for " + service + ", under the name " + name + ". Is there anything else I can do for you?");
    }

    String taken(List<ToolAnswer.Offer> offers, LocalDate asked) {
        if (offers.isEmpty()) return fr("Ce créneau n'est pas disponible. Quel autre jour ou quelle autre heure vous conviendrait ?",
                "That time isn't available. Which other day or time would suit you?");
        return fr("Ce créneau n'est pas disponible. Je peux vous proposer " + choices(offers, asked) + ". Qu'est-ce qui vous convient ?",
                "That time isn't available. I can offer " + choices(offers, asked) + ". Which would suit you?");
    }

    String free(LocalDate date, List<ToolAnswer.Offer> offers) {
        return fr(capitalised(day(date)) + ", j'ai de la place à " + choices(offers, date) + ". Quelle heure vous convient ?",
                "On " + day(date) + " I have " + choices(offers, date) + " available. What time suits you?");
    }

    String closed(LocalDate date) {
        return fr("Nous sommes fermés " + day(date) + ". Quel autre jour vous conviendrait ?",
                "We're closed on " + day(date) + ". Which other day would suit you?");
    }

    String full(LocalDate date) {
        return fr("Il n'y a plus de place " + day(date) + ". Quel autre jour vous conviendrait ?",
                "We're fully booked on " + day(date) + ". Which other day would suit you?");
    }

    String past() {
        return fr("Ce moment est déjà passé. Quel autre moment vous conviendrait ?", "That time has already passed. When else would suit you?");
    }

    String bookingFailed() {
        return fr("Désolé, je n'ai pas pu enregistrer le rendez-vous. Voulez-vous que je vous passe un conseiller ?",
                "Sorry, I couldn't book that. Would you like me to put you through to a member of our team?");
    }

    String cannotBookByPhone() {
        return fr("Désolé, je ne peux pas prendre de rendez-vous par téléphone pour le moment. Voulez-vous que je vous passe un conseiller ?",
                "Sorry, I can't book appointments by phone at the moment. Would you like me to put you through to a member of our team?");
    }

    String lookingUp() { return fr("Je regarde.", "Let me check."); }

    String dontKnow() {
        return fr("Je n'ai pas cette information, désolé. Voulez-vous que je vous passe un conseiller ?",
                "I'm afraid I don't have that information. Would you like me to put you through to a member of our team?");
    }

    String sorry() {
        return fr("Désolé, quelque chose n'a pas fonctionné. Puis-je vous aider autrement ?", "Sorry, something went wrong. Can I help you another way?");
    }

    /** "mardi 3 mars à 14 h", "Tuesday, March 3 at 2 PM". */
    String at(LocalDate date, LocalTime time) {
        return day(date) + (french ? " à " : " at ") + time(time);
    }

    String day(LocalDate date) {
        return french ? FRENCH_DAY.format(date).replaceFirst(" 1 ", " 1er ") : ENGLISH_DAY.format(date);
    }

    /** "14 h", "14 h 30"; "2 PM", "2:30 PM". */
    String time(LocalTime time) {
        if (french) return time.getHour() + " h" + (time.getMinute() == 0 ? "" : String.format(" %02d", time.getMinute()));
        int hour = time.getHour() % 12 == 0 ? 12 : time.getHour() % 12;
        return hour + (time.getMinute() == 0 ? "" : String.format(":%02d", time.getMinute())) + (time.getHour() < 12 ? " AM" : " PM");
    }

    /** "14 h 30, 15 h ou 15 h 30", naming the day of any offer not on {@code day}. */
    private String choices(List<ToolAnswer.Offer> offers, LocalDate day) {
        var spoken = offers.stream().map(o -> o.date() == null || o.date().equals(day) ? time(o.time()) : at(o.date(), o.time())).toList();
        if (spoken.size() == 1) return spoken.get(0);
        return String.join(", ", spoken.subList(0, spoken.size() - 1)) + (french ? " ou " : " or ") + spoken.get(spoken.size() - 1);
    }

    private static String capitalised(String text) {
        return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    private String fr(String french, String english) {
        return this.french ? french : english;
    }
}
