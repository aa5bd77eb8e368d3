package dev.switchboard.domain.phone;

import dev.switchboard.domain.assistant.AssistantId;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.telephony.IncomingNumber;
import dev.switchboard.domain.telephony.Refusal;
import dev.switchboard.domain.telephony.Telephony;
import dev.switchboard.domain.telephony.TelephonyAccount;
import dev.switchboard.domain.telephony.TelephonyResult;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Brings a number the tenant holds at Twilio to Switchboard, proven and configured: Twilio must
 * show it in one of the tenant's accounts (its own, else the platform's); its webhooks are then
 * pointed at us, read back, and the number is stored with its {@link NumberProof}. A number no
 * account of the tenant holds, or one registered by another tenant, is refused before anything
 * is sent to Twilio or stored. Infrastructure failures propagate as
 * {@link dev.switchboard.domain.shared.PortFailure}, with nothing stored.
 */
public final class ImportPhoneNumber {
    /**
     * @param number the number to import, or null when {@code twilioSid} names it
     * @param twilioSid Twilio's {@code PN…} SID, or null when {@code number} names it
     * @param assistant who answers it, already checked to be the tenant's; may be null
     */
    public record Command(TenantId tenant, E164Number number, String twilioSid, String label, AssistantId assistant) {
        public Command {
            Objects.requireNonNull(tenant, "tenant");
            if ((number == null) == (twilioSid == null)) throw new IllegalArgumentException("give exactly one of number and twilioSid");
        }
    }

    /** How an import ended. */
    public sealed interface Result {
        /** Stored; {@code mismatches} is what the read-back still found wrong (empty when configured). */
        record Imported(PhoneNumber number, List<String> mismatches) implements Result {}

        /** No Twilio credentials at all (the development token): nothing can be proven. */
        record NoTwilioAccount() implements Result {}

        /** No Twilio account of the tenant holds it. */
        record NotInAccount(String what) implements Result {}

        /** Another tenant registered it first. */
        record TakenByAnotherTenant(E164Number number) implements Result {}

        /** Twilio refused to configure it. */
        record ConfigurationRefused(Refusal refusal) implements Result {}
    }

    private final Telephony telephony;
    private final PhoneNumberRepository numbers;
    private final PlatformWebhooks webhooks;
    private final Clock clock;

    public ImportPhoneNumber(Telephony telephony, PhoneNumberRepository numbers, PlatformWebhooks webhooks, Clock clock) {
        this.telephony = telephony;
        this.numbers = numbers;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    public Result handle(Command command) {
        var tenant = command.tenant();
        if (!telephony.hasAccount(tenant)) return new Result.NoTwilioAccount();
        var found = command.number() != null ? telephony.findNumber(tenant, command.number()) : telephony.findNumberBySid(tenant, command.twilioSid());
        if (found.isEmpty()) return new Result.NotInAccount(command.number() != null ? command.number().value() : command.twilioSid());
        IncomingNumber incoming = found.get();
        var existing = numbers.findByNumber(incoming.number());
        if (existing.isPresent() && !existing.get().tenantId().equals(tenant)) return new Result.TakenByAnotherTenant(incoming.number());

        var account = TelephonyAccount.of(tenant, incoming.accountSid());
        var configured = telephony.configureNumber(account, incoming.sid(), webhooks.wanted());
        if (configured instanceof TelephonyResult.Refused<IncomingNumber> refused) return new Result.ConfigurationRefused(refused.refusal());
        var readBack = telephony.findNumberBySid(tenant, incoming.sid()).orElse(configured.orElseThrow());

        var proof = new NumberProof(incoming.accountSid(), clock.instant());
        var number = existing.map(n -> new PhoneNumber(n.id(), tenant, n.number(), command.label() != null ? command.label() : n.label(),
                        command.assistant() != null ? command.assistant() : n.assistantId(), incoming.sid(), n.vapiPhoneNumberId(), n.createdAt(), proof))
                .orElseGet(() -> new PhoneNumber(PhoneNumberId.random(), tenant, incoming.number(), command.label(), command.assistant(),
                        incoming.sid(), null, clock.instant(), proof));
        try {
            numbers.save(number);
        } catch (PhoneNumberRepository.NumberAlreadyTaken e) {
            return new Result.TakenByAnotherTenant(incoming.number());
        }
        return new Result.Imported(number, readBack.mismatches(webhooks.wanted()));
    }
}
