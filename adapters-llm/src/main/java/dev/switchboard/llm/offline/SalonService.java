package dev.switchboard.llm.offline;

import java.util.Optional;

/**
 * The services the demo brain recognises, named in the assistant's language when booked
 * ({@code service_type} "coupe" or "haircut"); anything else is booked as the default haircut.
 */
enum SalonService {
    HAIRCUT("coupe", "une coupe", "haircut", "a haircut",
            new String[] {"coupe", "couper", "haircut", "hair cut", "cut", "trim"}),
    COLORING("couleur", "une couleur", "coloring", "a coloring",
            new String[] {"couleur", "coloration", "color", "colour", "coloring", "colouring", "dye", "teinture"}),
    BLOW_DRY("brushing", "un brushing", "blow-dry", "a blow-dry",
            new String[] {"brushing", "blow-dry", "blow dry", "blowdry", "blowout", "blow out"}),
    BEARD("barbe", "une taille de barbe", "beard trim", "a beard trim", new String[] {"barbe", "beard"});

    private final String french;
    private final String frenchPhrase;
    private final String english;
    private final String englishPhrase;
    private final String[] words;

    SalonService(String french, String frenchPhrase, String english, String englishPhrase, String[] words) {
        this.french = french;
        this.frenchPhrase = frenchPhrase;
        this.english = english;
        this.englishPhrase = englishPhrase;
        this.words = words;
    }

    /** The service mentioned, checking the more specific ones first ("couper la barbe" is a beard trim). */
    static Optional<SalonService> find(Utterance said) {
        for (var service : new SalonService[] {BEARD, COLORING, BLOW_DRY, HAIRCUT})
            if (said.has(service.words)) return Optional.of(service);
        return Optional.empty();
    }

    /** The {@code service_type} to book. */
    String name(boolean french) {
        return french ? this.french : english;
    }

    /** With its article, as spoken: "une coupe", "a haircut". */
    String phrase(boolean french) {
        return french ? frenchPhrase : englishPhrase;
    }
}
