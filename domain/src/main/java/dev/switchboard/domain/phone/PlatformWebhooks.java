package dev.switchboard.domain.phone;

import java.util.Objects;

/**
 * Where the platform wants its numbers to send calls and messages: the webhooks under the public
 * URL. Built once by the app from {@code SWITCHBOARD_PUBLIC_URL}.
 */
public final class PlatformWebhooks {
    private final dev.switchboard.domain.telephony.NumberWebhooks wanted;

    /** @param publicUrl e.g. {@code https://voice.example.com}, without a trailing slash */
    public PlatformWebhooks(String publicUrl) {
        Objects.requireNonNull(publicUrl, "publicUrl");
        var base = publicUrl.strip().replaceAll("/+$", "");
        wanted = new dev.switchboard.domain.telephony.NumberWebhooks(base + "/webhooks/twilio/voice", "POST",
                base + "/webhooks/twilio/status", base + "/webhooks/twilio/sms");
    }

    /** VoiceUrl (POST), StatusCallback and SmsUrl as Twilio should hold them. */
    public dev.switchboard.domain.telephony.NumberWebhooks wanted() {
        return wanted;
    }
}
