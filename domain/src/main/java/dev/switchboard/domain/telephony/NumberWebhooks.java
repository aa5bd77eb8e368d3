package dev.switchboard.domain.telephony;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a number sends its calls and messages (PROTOCOLS.md §7.5): what we set on an imported
 * number, and what a live read finds there.
 *
 * @param voiceUrl {@code VoiceUrl}, our voice webhook
 * @param voiceMethod {@code VoiceMethod}, {@code POST}
 * @param statusCallback {@code StatusCallback}, our call status webhook
 * @param smsUrl {@code SmsUrl}, our inbound SMS webhook
 */
public record NumberWebhooks(String voiceUrl, String voiceMethod, String statusCallback, String smsUrl) {
    public NumberWebhooks {
        voiceUrl = blankToNull(voiceUrl);
        voiceMethod = blankToNull(voiceMethod);
        statusCallback = blankToNull(statusCallback);
        smsUrl = blankToNull(smsUrl);
    }

    /**
     * How {@code actual} differs from these (the wanted) webhooks, one line per field in Twilio's
     * parameter names, e.g. {@code "VoiceUrl is https://old.example/voice, not https://sb.example/webhooks/twilio/voice"}.
     * Empty when they agree.
     */
    public List<String> mismatchesIn(NumberWebhooks actual) {
        var found = new ArrayList<String>();
        compare(found, "VoiceUrl", voiceUrl, actual.voiceUrl());
        if (voiceMethod != null && !voiceMethod.equalsIgnoreCase(Objects.requireNonNullElse(actual.voiceMethod(), "POST")))
            found.add("VoiceMethod is " + actual.voiceMethod() + ", not " + voiceMethod);
        compare(found, "StatusCallback", statusCallback, actual.statusCallback());
        compare(found, "SmsUrl", smsUrl, actual.smsUrl());
        return List.copyOf(found);
    }

    private static void compare(List<String> found, String name, String wanted, String actual) {
        if (Objects.equals(wanted, actual)) return;
        found.add(name + " is " + (actual == null ? "not set" : actual) + ", not " + wanted);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
