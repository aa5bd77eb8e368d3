package dev.switchboard.domain.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.Fixtures;
import dev.switchboard.domain.shared.TenantId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemPromptTest {
    @Test
    void the_prompt_holds_the_assistant_the_business_the_local_time_and_the_call_context() {
        var assistant = Fixtures.assistant(TenantId.random(), "Reception");
        var prompt = SystemPrompt.assemble(assistant, new TenantFacts("Salon Lumière", ZoneId.of("America/Montreal"), "Tue-Sat 9:00-19:00"),
                Instant.parse("2026-03-03T03:30:00Z"), Map.of("orderNumber", "A-1042", "customerName", "Marie"));

        assertThat(prompt).isEqualTo("""
                You answer the phone for a hair salon.

                Persona: Warm and brief
                Business: Salon Lumière
                Current local date and time: 2026-03-02T22:30 America/Montreal (Monday)
                Opening hours: Tue-Sat 9:00-19:00
                Language: speak fr-FR. You are on a phone call: answer in short spoken sentences, no lists, no markdown, no emoji. \
                Use tools for availability, bookings and transfers; never invent a booking.
                Call context:
                - customerName: Marie
                - orderNumber: A-1042""");
    }
}
