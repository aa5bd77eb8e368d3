package dev.switchboard.domain.phone;

import java.util.List;

/**
 * What a live read at Twilio says about a number, as the API shows it.
 *
 * @param proven whether a Twilio account of the tenant was shown to hold it (imported)
 * @param configured whether its webhooks point at us; null when it could not be read (unproven,
 *     or Twilio unreachable)
 * @param mismatches what differs, in Twilio's parameter names; empty when configured
 * @param note why {@code configured} is null, or what to do; null when there is nothing to say
 */
public record TwilioNumberStatus(boolean proven, Boolean configured, List<String> mismatches, String note) {
    public TwilioNumberStatus {
        mismatches = List.copyOf(mismatches);
    }
}
