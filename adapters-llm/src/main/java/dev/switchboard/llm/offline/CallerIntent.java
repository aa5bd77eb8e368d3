package dev.switchboard.llm.offline;

/**
 * What the caller wants, from keywords, French or English; the first that applies wins, in the
 * order declared: "merci, au revoir" is a goodbye, "je voudrais un rendez-vous" a booking even
 * with a question mark, "quels sont vos horaires ?" a question.
 */
enum CallerIntent {
    GOODBYE("au revoir", "bonne journee", "bonne soiree", "c'est tout", "ce sera tout", "rien d'autre", "non merci",
            "a bientot", "goodbye", "good bye", "bye", "that's all", "that is all", "nothing else", "no thanks", "no thank you",
            "have a nice day"),
    HUMAN("parler a", "parler au", "parler avec", "passez-moi", "mettre en relation", "un conseiller", "une conseillere",
            "un humain", "une vraie personne", "un etre humain", "le responsable", "le gerant", "la gerante", "un operateur", "human", "real person", "speak to",
            "speak with", "talk to", "talk with", "put me through", "transfer me", "an agent", "the manager", "representative",
            "operator"),
    CANCEL("annuler", "annulation", "decommander", "cancel", "cancellation"),
    BOOK("rendez-vous", "rendez vous", "rdv", "reserver", "reservation", "disponibilite", "disponibilites", "dispo",
            "de la place", "un creneau", "libre", "libres", "book", "booking", "appointment", "reserve", "schedule", "available",
            "availability", "a slot", "free"),
    QUESTION("horaire", "horaires", "ouvert", "ouverts", "ouvrez", "fermez", "ferme", "prix", "tarif", "tarifs", "combien",
            "coute", "adresse", "ou etes", "ou se trouve", "ou vous trouvez", "situe", "situes", "parking", "acces", "paiement",
            "payer", "carte", "hours", "open", "close", "closed", "price", "prices", "cost", "how much", "where", "address",
            "located", "pay", "do you", "vous faites"),
    GREETING("bonjour", "bonsoir", "salut", "allo", "hello", "hi", "hey", "good morning", "good afternoon", "good evening"),
    THANKS("merci", "thank you", "thanks"),
    OTHER;

    private final String[] words;

    CallerIntent(String... words) {
        this.words = words;
    }

    static CallerIntent of(Utterance said) {
        for (var intent : values())
            if (intent != OTHER && said.has(intent.words)) return intent;
        return said.isQuestion() ? QUESTION : OTHER;
    }

    /** Whether this intent's words occur, whatever else was said. */
    boolean in(Utterance said) {
        return words.length > 0 && said.has(words);
    }

    /** "Oui", "ok", "the first one": accepting what the agent just offered. */
    static boolean accepts(Utterance said) {
        return said.has("oui", "ok", "okay", "d'accord", "parfait", "tres bien", "ca marche", "la premiere", "le premier", "va pour",
                "yes", "yeah", "sure", "perfect", "sounds good", "that works", "the first", "fine", "great");
    }
}
