package dev.switchboard.domain.telephony;

import dev.switchboard.domain.shared.E164Number;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A number as a Twilio account holds it (its IncomingPhoneNumber resource, PROTOCOLS.md §7.5).
 *
 * @param sid {@code PN…}
 * @param accountSid the account that holds it — requests about the number act in this account
 * @param webhooks where it sends calls and messages now
 * @param voiceApplicationSid a TwiML App that overrides {@code VoiceUrl} when set, else null
 * @param trunkSid a SIP trunk that overrides everything when set, else null
 */
public record IncomingNumber(String sid, String accountSid, E164Number number, NumberWebhooks webhooks,
                             String voiceApplicationSid, String trunkSid) {
    public IncomingNumber {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(accountSid, "accountSid");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(webhooks, "webhooks");
        voiceApplicationSid = voiceApplicationSid == null || voiceApplicationSid.isBlank() ? null : voiceApplicationSid;
        trunkSid = trunkSid == null || trunkSid.isBlank() ? null : trunkSid;
    }

    /**
     * Why calls and messages to this number would not reach the wanted webhooks: the fields that
     * differ, and a TwiML App or SIP trunk that takes precedence over {@code VoiceUrl}.
     */
    public List<String> mismatches(NumberWebhooks wanted) {
        var found = new ArrayList<>(wanted.mismatchesIn(webhooks));
        if (voiceApplicationSid != null) found.add("VoiceApplicationSid is " + voiceApplicationSid + ", which overrides VoiceUrl");
        if (trunkSid != null) found.add("TrunkSid is " + trunkSid + ", which overrides VoiceUrl");
        return List.copyOf(found);
    }
}
