package dev.switchboard.domain.studio;

/** The tenant's Twilio account, handed to Vapi when it imports one of its numbers. Never printed. */
public record TwilioAccount(String accountSid, String authToken) {
    public TwilioAccount {
        if (accountSid == null || accountSid.isBlank()) throw new IllegalArgumentException("a Twilio account SID is required");
        if (authToken == null || authToken.isBlank()) throw new IllegalArgumentException("a Twilio auth token is required");
    }

    @Override
    public String toString() {
        return "TwilioAccount[" + accountSid + ", ***]";
    }
}
