package dev.switchboard.domain.telephony;

import java.util.Objects;

/**
 * A Twilio account as Twilio describes it to its own credentials ({@code GET Accounts/{sid}.json}).
 *
 * @param status {@code active}, {@code suspended} or {@code closed}
 */
public record AccountCheck(String accountSid, String friendlyName, String status) {
    public AccountCheck {
        Objects.requireNonNull(accountSid, "accountSid");
    }

    /** Only an active account can take and place calls. */
    public boolean active() {
        return "active".equalsIgnoreCase(status);
    }
}
