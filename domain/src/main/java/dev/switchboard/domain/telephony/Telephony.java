package dev.switchboard.domain.telephony;

import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.TenantId;
import java.util.Optional;

/**
 * The telephone network as the platform uses it: Twilio's REST API, acting in the tenant's own
 * Twilio account (its {@code twilio} connection) or else the platform's.
 *
 * <p>Every method that acts for a tenant takes a {@link TelephonyAccount} (the tenant, and
 * optionally which of its accounts). Outcomes Twilio decides — a number it calls invalid, a call
 * that already ended, credentials it does not know — come back as
 * {@link TelephonyResult.Refused} carrying Twilio's own error code and message. Infrastructure
 * failures (Twilio unreachable, too slow, 5xx after the bounded retries, an unreadable answer,
 * the tenant's stored credentials refused, rate limited) are thrown as
 * {@link dev.switchboard.domain.shared.PortFailure} with a category.
 *
 * <p>Implementations bound every request in time (seconds, not Twilio's 30 s default) and retry
 * only what is safe to repeat: a request that never reached Twilio or that Twilio said it did
 * not process (429, 503) is retried for every operation; other 5xx answers and timeouts only for
 * reads and idempotent updates, never for placing a call or sending a message. Thread-safe.
 */
public interface Telephony {
    /**
     * Whether the tenant can reach Twilio at all: it has a Twilio connection, or the platform has
     * an account (SID and token). False on a development install with no credentials, where
     * numbers work unproven.
     */
    boolean hasAccount(TenantId tenant);

    /**
     * Dials out ({@code POST Calls.json}): Twilio fetches {@link OutboundCall#voiceUrl()} when the
     * call is answered and reports progress to {@link OutboundCall#statusCallback()}.
     *
     * @return the call as Twilio created it (status {@code queued}), or Twilio's refusal
     *     (e.g. 21211 invalid {@code To}, 21210 {@code From} not in the account)
     */
    TelephonyResult<TelephonyCall> placeCall(TelephonyAccount account, OutboundCall call);

    /**
     * Changes a live call ({@code POST Calls/{sid}.json}): new TwiML (which ends any stream or
     * ConversationRelay session in progress), a redirect, a hang-up or a cancel.
     *
     * @param callSid Twilio's call SID ({@code CA…})
     * @return the call after the change, or Twilio's refusal (20404 unknown or already-ended
     *     call, 21220 call not in progress)
     */
    TelephonyResult<TelephonyCall> updateCall(TelephonyAccount account, String callSid, CallUpdate update);

    /**
     * Reads a call as Twilio has it ({@code GET Calls/{sid}.json}): status, answer and end times,
     * duration — for reconciling a call whose status callbacks went missing.
     *
     * @return the call, or a refusal with code 20404 when the account has no such call
     */
    TelephonyResult<TelephonyCall> fetchCall(TelephonyAccount account, String callSid);

    /**
     * Sends a text message ({@code POST Messages.json}) with delivery reports to
     * {@link OutgoingSms#statusCallback()}.
     *
     * @return the message as Twilio queued it, or Twilio's refusal (e.g. 21211 invalid
     *     {@code To}, 21606 {@code From} cannot send SMS, 21610 recipient unsubscribed)
     */
    TelephonyResult<TelephonyMessage> sendSms(TelephonyAccount account, OutgoingSms sms);

    /**
     * Reads a message as Twilio has it ({@code GET Messages/{sid}.json}): its status and error code
     * now — for a message whose delivery reports never arrived.
     *
     * @param messageSid Twilio's message SID ({@code SM…})
     * @return the message, or a refusal with code 20404 when the account has no such message
     */
    TelephonyResult<TelephonyMessage> fetchSms(TelephonyAccount account, String messageSid);

    /**
     * Looks the number up among the numbers the tenant's Twilio accounts hold
     * ({@code GET IncomingPhoneNumbers.json?PhoneNumber=…}): its own connection's first, then the
     * platform's.
     *
     * @return the number with its current webhooks and the account that holds it; empty when no
     *     account of the tenant holds it (or the tenant has no account, see {@link #hasAccount})
     */
    Optional<IncomingNumber> findNumber(TenantId tenant, E164Number number);

    /**
     * Reads one number by its SID ({@code GET IncomingPhoneNumbers/{sid}.json}) in the tenant's
     * accounts, its own connection's first.
     *
     * @param numberSid Twilio's IncomingPhoneNumber SID ({@code PN…})
     * @return the number as it is configured now; empty when no account of the tenant holds it
     */
    Optional<IncomingNumber> findNumberBySid(TenantId tenant, String numberSid);

    /**
     * Points a number's webhooks at us ({@code POST IncomingPhoneNumbers/{sid}.json} with
     * {@code VoiceUrl}, {@code VoiceMethod}, {@code StatusCallback}, {@code SmsUrl}). Idempotent.
     *
     * @param account the tenant and the account that holds the number ({@link IncomingNumber#accountSid()})
     * @return the number as Twilio stored it, or Twilio's refusal
     */
    TelephonyResult<IncomingNumber> configureNumber(TelephonyAccount account, String numberSid, NumberWebhooks webhooks);

    /**
     * Checks an account SID and auth token against Twilio ({@code GET Accounts/{sid}.json}) before
     * anyone stores them. Uses only the credentials given, never the tenant's stored ones.
     *
     * @param tenant who asks (for the log; nothing is read or written for it)
     * @return the account as Twilio describes it, or a refusal (401 / 20003 when Twilio does not
     *     know the pair, 404 / 20404 when the SID is not the token's account)
     */
    TelephonyResult<AccountCheck> verifyCredentials(TenantId tenant, String accountSid, String authToken);
}
