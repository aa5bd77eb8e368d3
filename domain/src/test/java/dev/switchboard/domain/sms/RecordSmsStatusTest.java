package dev.switchboard.domain.sms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.domain.phone.PhoneNumberId;
import dev.switchboard.domain.shared.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Delivery reports, including those that outrun Twilio's answer to our send (the SID not stored yet). */
class RecordSmsStatusTest {
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private final InMemorySmsRepository messages = new InMemorySmsRepository();
    private final RecordSmsStatus record = new RecordSmsStatus(messages, Clock.fixed(NOW, ZoneOffset.UTC));
    private final TenantId tenant = TenantId.random();
    private final Sms sending = Sms.outgoing(tenant, "+14155550101", "+33612345678", "Your order ships today.", PhoneNumberId.random(), null,
            NOW.minusSeconds(1));

    @Test
    void a_report_before_twilios_answer_was_stored_gives_the_named_message_its_sid_and_status() {
        messages.add(sending);

        assertThat(record.record(new RecordSmsStatus.Command(tenant, "SM1", SmsStatus.SENT, null, sending.id()))).isTrue();
        assertThat(record.record(new RecordSmsStatus.Command(tenant, "SM1", SmsStatus.DELIVERED, null, sending.id()))).isTrue();

        var after = messages.findById(tenant, sending.id()).orElseThrow();
        assertThat(after.providerMessageId()).isEqualTo("SM1");
        assertThat(after.status()).isEqualTo(SmsStatus.DELIVERED);
        // Twilio's answer stored afterwards does not move it back.
        messages.accepted(tenant, sending.id(), "SM1", SmsStatus.QUEUED, NOW);
        assertThat(messages.findById(tenant, sending.id()).orElseThrow().status()).isEqualTo(SmsStatus.DELIVERED);
    }

    @Test
    void a_report_naming_a_message_that_already_has_another_sid_or_another_tenants_message_changes_nothing() {
        messages.add(sending);
        messages.accepted(tenant, sending.id(), "SM1", SmsStatus.QUEUED, NOW);

        assertThat(record.record(new RecordSmsStatus.Command(tenant, "SM2", SmsStatus.DELIVERED, null, sending.id()))).isFalse();
        assertThat(record.record(new RecordSmsStatus.Command(TenantId.random(), "SM3", SmsStatus.DELIVERED, null, sending.id()))).isFalse();

        var after = messages.findById(tenant, sending.id()).orElseThrow();
        assertThat(after.providerMessageId()).isEqualTo("SM1");
        assertThat(after.status()).isEqualTo(SmsStatus.QUEUED);
    }

    @Test
    void a_report_without_a_message_id_and_an_unknown_sid_changes_nothing() {
        messages.add(sending);

        assertThat(record.record(new RecordSmsStatus.Command(tenant, "SM1", SmsStatus.DELIVERED, null))).isFalse();
        assertThat(messages.findById(tenant, sending.id()).orElseThrow().status()).isEqualTo(SmsStatus.QUEUED);
    }
}
