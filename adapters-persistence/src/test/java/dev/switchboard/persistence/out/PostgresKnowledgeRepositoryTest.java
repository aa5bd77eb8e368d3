package dev.switchboard.persistence.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.knowledge.KnowledgePassage;
import dev.switchboard.domain.knowledge.KnowledgeRepository;
import dev.switchboard.domain.knowledge.KnowledgeRepositoryContract;
import dev.switchboard.domain.tenant.TenantRepository;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The contract, plus what only real full-text search does: stemming per document language. */
@MicronautTest(transactional = false)
class PostgresKnowledgeRepositoryTest extends KnowledgeRepositoryContract {
    @Inject
    PostgresTenantRepository tenants;
    @Inject
    PostgresKnowledgeRepository knowledge;

    @Override
    protected TenantRepository tenants() {
        return tenants;
    }

    @Override
    protected KnowledgeRepository knowledge() {
        return knowledge;
    }

    @Test
    void french_documents_are_stemmed_in_french() {
        var tarifs = add("Tarifs", "Coupe femme : 35 euros. Coloration à partir de 60 euros. Prenez rendez-vous par téléphone.", "fr");
        add("Accès", "Le salon est au 12 rue des Lilas, parking gratuit derrière.", "fr-FR");

        var found = knowledge.search(tenant.id(), "rendez-vous coupes", "fr-FR", 5);
        assertThat(found).extracting(KnowledgePassage::documentId).containsExactly(tarifs.id());
        assertThat(found.get(0).passage()).contains("Coupe femme").contains("rendez-vous");
        assertThat(found.get(0).rank()).isGreaterThan(1);
        // A caller's question: "combien" is in no document, the rest still finds the prices.
        assertThat(knowledge.search(tenant.id(), "combien coûte une coloration ?", "fr", 5))
                .extracting(KnowledgePassage::documentId).containsExactly(tarifs.id());
    }

    @Test
    void english_documents_are_stemmed_in_english() {
        var booking = add("Booking", "Book an appointment by phone or online. We confirm every appointment by text message.", "en-GB");
        add("Parking", "Free parking behind the salon.", "en");
        var found = knowledge.search(tenant.id(), "appointments", "en", 5);
        assertThat(found).extracting(KnowledgePassage::documentId).containsExactly(booking.id());
        assertThat(found.get(0).passage()).contains("appointment");
        assertThat(knowledge.search(tenant.id(), "\"free parking\" -salon", "en", 5)).isEmpty();
        assertThat(knowledge.search(tenant.id(), "\"free parking\"", "en", 5)).extracting(KnowledgePassage::title).containsExactly("Parking");
    }

    @Test
    void other_languages_match_words_as_written() {
        var german = add("Preise", "Haarschnitt kostet 35 Euro.", "de");
        assertThat(knowledge.search(tenant.id(), "haarschnitt", "de-DE", 5)).extracting(KnowledgePassage::documentId).containsExactly(german.id());
        assertThat(knowledge.search(tenant.id(), "haarschnitte", "de", 5)).isEmpty();
    }
}
