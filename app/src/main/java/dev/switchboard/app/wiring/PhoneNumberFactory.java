package dev.switchboard.app.wiring;

import dev.switchboard.domain.phone.CheckPhoneNumber;
import dev.switchboard.domain.phone.ConfigurePhoneNumber;
import dev.switchboard.domain.phone.ImportPhoneNumber;
import dev.switchboard.domain.phone.PhoneNumberRepository;
import dev.switchboard.domain.phone.PlatformWebhooks;
import dev.switchboard.domain.telephony.Telephony;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Numbers proven and configured at Twilio: the webhooks they should hold come from the public URL. */
@Factory
final class PhoneNumberFactory {
    @Singleton
    PlatformWebhooks platformWebhooks(@Value("${switchboard.public-url}") String publicUrl) {
        return new PlatformWebhooks(publicUrl);
    }

    @Singleton
    ImportPhoneNumber importPhoneNumber(Telephony telephony, PhoneNumberRepository numbers, PlatformWebhooks webhooks, Clock clock) {
        return new ImportPhoneNumber(telephony, numbers, webhooks, clock);
    }

    @Singleton
    CheckPhoneNumber checkPhoneNumber(Telephony telephony, PlatformWebhooks webhooks) {
        return new CheckPhoneNumber(telephony, webhooks);
    }

    @Singleton
    ConfigurePhoneNumber configurePhoneNumber(Telephony telephony, PlatformWebhooks webhooks) {
        return new ConfigurePhoneNumber(telephony, webhooks);
    }
}
