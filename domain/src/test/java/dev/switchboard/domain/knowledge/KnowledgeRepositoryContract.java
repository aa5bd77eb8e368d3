package dev.switchboard.domain.knowledge;

import static dev.switchboard.domain.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.tenant.Tenant;
import dev.switchboard.domain.tenant.TenantRepository;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link KnowledgeRepository} does: tenant-scoped documents, searched in their language. */
public abstract class KnowledgeRepositoryContract {
    protected abstract TenantRepository tenants();

    protected abstract KnowledgeRepository knowledge();

    protected Tenant tenant;

    @BeforeEach
    void a_tenant() {
        tenant = Fixtures.tenant("Salon");
        tenants().save(tenant);
    }

    public static KnowledgeDocument document(TenantId tenant, String title, String content, String language) {
        return new KnowledgeDocument(KnowledgeDocumentId.random(), tenant, title, content, language, T0, T0);
    }

    protected KnowledgeDocument add(String title, String content, String language) {
        var document = document(tenant.id(), title, content, language);
        knowledge().save(document);
        return document;
    }

    @Test
    void saves_lists_by_title_revises_and_deletes() {
        var prices = add("Prices", "A haircut costs 35 euros.", "en");
        var hours = add("Opening hours", "Open Tuesday to Saturday.", "en-GB");
        assertThat(knowledge().list(tenant.id())).containsExactly(hours, prices);
        assertThat(knowledge().findById(tenant.id(), prices.id())).contains(prices);

        var revised = new KnowledgeDocument(prices.id(), tenant.id(), "Tarifs", "Coupe femme : 35 euros.", "fr",
                T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1)));
        knowledge().save(revised);
        var expected = prices.revised("Tarifs", "Coupe femme : 35 euros.", "fr", T0.plus(Duration.ofDays(1)));
        assertThat(knowledge().findById(tenant.id(), prices.id())).contains(expected);

        assertThat(knowledge().delete(tenant.id(), prices.id())).isTrue();
        assertThat(knowledge().delete(tenant.id(), prices.id())).isFalse();
        assertThat(knowledge().list(tenant.id())).containsExactly(hours);
    }

    @Test
    void tenants_neither_see_nor_touch_each_others_documents() {
        var mine = add("Prices", "A haircut costs 35 euros.", "en");
        var other = Fixtures.tenant("Other");
        tenants().save(other);
        assertThat(knowledge().findById(other.id(), mine.id())).isEmpty();
        assertThat(knowledge().list(other.id())).isEmpty();
        assertThat(knowledge().delete(other.id(), mine.id())).isFalse();
        assertThat(knowledge().search(other.id(), "haircut", null, 5)).isEmpty();
        var hijack = new KnowledgeDocument(mine.id(), other.id(), "Mine now", "Stolen.", "en", T0, T0);
        assertThatThrownBy(() -> knowledge().save(hijack)).isInstanceOf(IllegalArgumentException.class);
        assertThat(knowledge().findById(tenant.id(), mine.id())).contains(mine);
    }

    @Test
    void search_ranks_documents_matching_every_word_first() {
        var prices = add("Prices", "A women's haircut costs 35 euros. Coloring starts at 60 euros.", "en");
        var tarifs = add("Tarifs", "Coupe femme : 35 euros. Coloration à partir de 60 euros.", "fr");
        add("Parking", "Free parking behind the salon.", "en");

        var found = knowledge().search(tenant.id(), "haircut euros", null, 5);
        assertThat(found).extracting(KnowledgePassage::documentId).containsExactly(prices.id(), tarifs.id());
        assertThat(found.get(0).rank()).isGreaterThan(found.get(1).rank()).isPositive();
        assertThat(found.get(1).rank()).isPositive();
        assertThat(found.get(0).title()).isEqualTo("Prices");
        assertThat(found.get(0).passage()).containsIgnoringCase("haircut");
    }

    @Test
    void search_keeps_to_the_language_asked_for() {
        var prices = add("Prices", "A haircut costs 35 euros.", "en-US");
        var tarifs = add("Tarifs", "Coupe femme : 35 euros.", "fr");
        assertThat(knowledge().search(tenant.id(), "euros", "fr-FR", 5)).extracting(KnowledgePassage::documentId).containsExactly(tarifs.id());
        assertThat(knowledge().search(tenant.id(), "euros", "EN", 5)).extracting(KnowledgePassage::documentId).containsExactly(prices.id());
        assertThat(knowledge().search(tenant.id(), "euros", "de", 5)).isEmpty();
        assertThat(knowledge().search(tenant.id(), "euros", null, 5)).extracting(KnowledgePassage::documentId)
                .containsExactlyInAnyOrder(prices.id(), tarifs.id());
    }

    @Test
    void search_returns_at_most_the_limit_and_nothing_for_no_match() {
        for (int i = 0; i < 4; i++) add("Note " + i, "The salon sells shampoo number " + i + ".", "en");
        assertThat(knowledge().search(tenant.id(), "shampoo", "en", 3)).hasSize(3);
        assertThat(knowledge().search(tenant.id(), "motorcycle", "en", 3)).isEmpty();
        assertThat(knowledge().search(tenant.id(), "   ", "en", 3)).isEmpty();
    }
}
