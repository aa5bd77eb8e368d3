package dev.switchboard.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of ARCHITECTURE.md §2 that Maven's module graph cannot express:
 * pure domain and audio-core, a domain that reads time only through an injected clock, and
 * adapters that never reach into each other. Every rule must match classes
 * ({@code allowEmptyShould(false)}): a package renamed or moved would otherwise pass silently.
 */
class ArchitectureTest {
    private static final String[] FRAMEWORKS = {"io.micronaut..", "jakarta..", "javax.inject..", "com.fasterxml.jackson..",
            "java.sql..", "javax.sql..", "org.postgresql..", "com.twilio..", "io.netty..", "org.slf4j.."};
    private static final List<String> ADAPTERS = List.of("persistence", "twilio", "vapi", "llm");
    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.switchboard");
    }

    @Test
    void domain_uses_no_framework_json_or_sql_type() {
        noClasses().that().resideInAPackage("dev.switchboard.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .allowEmptyShould(false)
                .check(production);
    }

    @Test
    void audio_core_uses_no_framework_json_or_sql_type() {
        noClasses().that().resideInAPackage("dev.switchboard.audio..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .allowEmptyShould(false)
                .check(production);
    }

    @Test
    void domain_reads_time_only_through_an_injected_clock() {
        noClasses().that().resideInAPackage("dev.switchboard.domain..")
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.time.ZonedDateTime.class, "now")
                .orShould().callMethod(java.time.OffsetDateTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .allowEmptyShould(false)
                .check(production);
    }

    @Test
    void domain_and_audio_core_do_not_depend_on_adapters_or_app() {
        noClasses().that().resideInAnyPackage("dev.switchboard.domain..", "dev.switchboard.audio..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.switchboard.persistence..", "dev.switchboard.twilio..", "dev.switchboard.vapi..",
                        "dev.switchboard.llm..", "dev.switchboard.testkit..", "dev.switchboard.app..")
                .allowEmptyShould(false)
                .check(production);
    }

    @Test
    void adapters_do_not_import_each_other_or_the_app() {
        for (var adapter : ADAPTERS) {
            var others = ADAPTERS.stream().filter(a -> !a.equals(adapter)).map(a -> "dev.switchboard." + a + "..").toList();
            var forbidden = new java.util.ArrayList<>(others);
            forbidden.add("dev.switchboard.app..");
            forbidden.add("dev.switchboard.testkit..");
            noClasses().that().resideInAPackage("dev.switchboard." + adapter + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                    .allowEmptyShould(false)
                    .check(production);
        }
    }

    @Test
    void testkit_depends_on_no_adapter_or_app() {
        noClasses().that().resideInAPackage("dev.switchboard.testkit..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.switchboard.persistence..", "dev.switchboard.twilio..", "dev.switchboard.vapi..",
                        "dev.switchboard.llm..", "dev.switchboard.app..")
                .allowEmptyShould(false)
                .check(production);
    }
}
