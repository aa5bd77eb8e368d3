package dev.switchboard.twilio.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The platform's own Twilio account, used for numbers whose tenant has no Twilio connection.
 *
 * @param accountSid {@code TWILIO_ACCOUNT_SID}
 * @param authToken {@code TWILIO_AUTH_TOKEN}; validates webhook signatures. Never logged.
 */
@ConfigurationProperties("switchboard.twilio")
public record TwilioProperties(@Nullable String accountSid, @Nullable String authToken) {
    @Override
    public String toString() {
        return "TwilioProperties[accountSid=" + accountSid + ", authToken=***]";
    }
}
