package dev.switchboard.domain.phone;

import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A phone number a tenant brought to Switchboard. Its assistant answers its calls; a number
 * without an assistant answers politely and hangs up.
 *
 * @param twilioSid Twilio's IncomingPhoneNumber SID (PN…), when known
 * @param vapiPhoneNumberId Vapi's id for the imported number, when synced
 * @param proof that a Twilio account of the tenant (or the platform's) holds the number, when it
 *     was imported through {@code POST /api/v1/phone-numbers/import}; null for a number added
 *     unproven. Once recorded, a save without a proof keeps it.
 */
public record PhoneNumber(
        PhoneNumberId id,
        TenantId tenantId,
        E164Number number,
        String label,
        AssistantId assistantId,
        String twilioSid,
        String vapiPhoneNumberId,
        Instant createdAt,
        NumberProof proof) {

    public PhoneNumber {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(createdAt, "createdAt");
        label = label == null || label.isBlank() ? null : label.strip();
    }

    /** A number without proof (added by hand, or by code that predates proofs). */
    public PhoneNumber(PhoneNumberId id, TenantId tenantId, E164Number number, String label, AssistantId assistantId, String twilioSid,
                       String vapiPhoneNumberId, Instant createdAt) {
        this(id, tenantId, number, label, assistantId, twilioSid, vapiPhoneNumberId, createdAt, null);
    }

    public PhoneNumber withAssistant(AssistantId assistant) {
        return new PhoneNumber(id, tenantId, number, label, assistant, twilioSid, vapiPhoneNumberId, createdAt, proof);
    }

    public boolean proven() {
        return proof != null;
    }
}
