package dev.switchboard.domain.phone;

import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.telephony.Telephony;
import java.util.List;

/**
 * Reads a number at Twilio now and says whether it still sends its calls and messages to us: the
 * drift someone makes in Twilio's console shows up here, not as a silent failed call.
 */
public final class CheckPhoneNumber {
    private final Telephony telephony;
    private final PlatformWebhooks webhooks;

    public CheckPhoneNumber(Telephony telephony, PlatformWebhooks webhooks) {
        this.telephony = telephony;
        this.webhooks = webhooks;
    }

    /** Never throws for Twilio's sake: an unreachable Twilio is a note, not a failed page. */
    public TwilioNumberStatus check(PhoneNumber number) {
        if (!number.proven()) {
            var note = telephony.hasAccount(number.tenantId())
                    ? "unproven: not imported from a Twilio account of this tenant; import it with POST /api/v1/phone-numbers/import"
                    : "unproven: no Twilio credentials are set (development token), so the number works without proof";
            return new TwilioNumberStatus(false, null, List.of(), note);
        }
        try {
            return telephony.findNumberBySid(number.tenantId(), number.twilioSid())
                    .map(found -> {
                        var mismatches = found.mismatches(webhooks.wanted());
                        return new TwilioNumberStatus(true, mismatches.isEmpty(), mismatches,
                                mismatches.isEmpty() ? null : "repair with POST /api/v1/phone-numbers/" + number.id() + "/configure");
                    })
                    .orElseGet(() -> new TwilioNumberStatus(true, false,
                            List.of("Twilio account " + number.proof().accountSid() + " no longer holds " + number.twilioSid()), null));
        } catch (PortFailure e) {
            return new TwilioNumberStatus(true, null, List.of(), "Twilio could not be read: " + e.getMessage());
        }
    }
}
