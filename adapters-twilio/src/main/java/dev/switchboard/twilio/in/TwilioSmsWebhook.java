package dev.switchboard.twilio.in;

import com.twilio.twiml.MessagingResponse;
import dev.switchboard.domain.phone.PhoneNumber;
import dev.switchboard.domain.phone.PhoneNumberRepository;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.sms.ReceiveSms;
import dev.switchboard.domain.sms.RecordSmsStatus;
import dev.switchboard.domain.sms.SmsId;
import dev.switchboard.domain.sms.SmsStatus;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio's messaging webhooks: an inbound text ({@code /sms}, the number's {@code SmsUrl}) and
 * delivery reports of the texts we sent ({@code /sms-status}, the {@code StatusCallback} of each
 * {@code Messages.json}). Both signed like the voice webhook: with the token of the tenant that
 * owns the number, or for a number we do not know, of the request's {@code AccountSid}.
 */
@Controller("/webhooks/twilio")
@Secured("isAnonymous()")
@ExecuteOn(TaskExecutors.BLOCKING)
final class TwilioSmsWebhook {
    private static final Logger LOG = LoggerFactory.getLogger(TwilioSmsWebhook.class);
    private final PhoneNumberRepository numbers;
    private final SignedRequests signatures;
    private final ReceiveSms receiveSms;
    private final RecordSmsStatus recordStatus;

    TwilioSmsWebhook(PhoneNumberRepository numbers, SignedRequests signatures, ReceiveSms receiveSms, RecordSmsStatus recordStatus) {
        this.numbers = numbers;
        this.signatures = signatures;
        this.receiveSms = receiveSms;
        this.recordStatus = recordStatus;
    }

    /**
     * A text to one of our numbers: stored for the number's tenant (once, however often Twilio
     * delivers it), STOP / START honoured, and answered with empty TwiML — no auto-reply. A number
     * we do not know gets the same empty answer and nothing is stored.
     */
    @Post(uri = "/sms", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_XML)
    HttpResponse<String> sms(HttpRequest<?> request, @Body Map<String, String> form) {
        try (var log = CallLogContext.webhook(Optional.ofNullable(form.get("MessageSid")).orElse(form.get("SmsSid")))) {
            return receive(request, form);
        }
    }

    private HttpResponse<String> receive(HttpRequest<?> request, Map<String, String> form) {
        var number = ours(form.get("To"));
        number.ifPresent(n -> CallLogContext.tenant(n.tenantId()));
        if (!signatures.verify(request, form, number)) return Refusal.badSignature(request.getPath());
        var sid = Optional.ofNullable(form.get("MessageSid")).orElse(form.get("SmsSid"));
        var from = form.get("From");
        if (number.isEmpty() || sid == null || sid.isBlank() || from == null || from.isBlank()) {
            LOG.warn("text {} to {} reached no number of ours (or came without sender or SID); nothing stored", sid, form.get("To"));
            return empty();
        }
        var result = receiveSms.receive(new ReceiveSms.Command(number.get(), sid.strip(), from.strip(), form.get("To"), form.get("Body")));
        LOG.info("tenant {}: text {} received on {}{}{}", number.get().tenantId(), sid, number.get().number(),
                result.stored() ? "" : " (redelivered)", result.request().map(r -> ", asks " + r).orElse(""));
        return empty();
    }

    /** A delivery report: the message moves forward (never back). Always a quick 204, even for a SID we do not know. */
    @Post(uri = "/sms-status", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> status(HttpRequest<?> request, @Body Map<String, String> form) {
        try (var log = CallLogContext.webhook(Optional.ofNullable(form.get("MessageSid")).orElse(form.get("SmsSid")))) {
            return delivered(request, form);
        }
    }

    private HttpResponse<?> delivered(HttpRequest<?> request, Map<String, String> form) {
        // We sent it, so our number is the sender.
        var number = ours(form.get("From"));
        number.ifPresent(n -> CallLogContext.tenant(n.tenantId()));
        if (!signatures.verify(request, form, number)) return Refusal.badSignature(request.getPath());
        var sid = Optional.ofNullable(form.get("MessageSid")).orElse(form.get("SmsSid"));
        var status = SmsStatus.parse(Optional.ofNullable(form.get("MessageStatus")).orElse(form.get("SmsStatus")));
        if (number.isEmpty() || sid == null || status.isEmpty()) {
            LOG.warn("delivery report {} for text {} from {} ignored: unknown number or status", form.get("MessageStatus"), sid, form.get("From"));
            return HttpResponse.noContent();
        }
        var changed = recordStatus.record(new RecordSmsStatus.Command(number.get().tenantId(), sid, status.get(), errorCode(form.get("ErrorCode")),
                messageId(request.getParameters().get("message"))));
        if (!changed) LOG.debug("delivery report {} for text {} changed nothing (duplicate, late, or unknown SID)", status.get(), sid);
        return HttpResponse.noContent();
    }

    private Optional<PhoneNumber> ours(String number) {
        return E164Number.isValid(number) ? numbers.findByNumber(new E164Number(number)) : Optional.empty();
    }

    /** Our message named by the report's URL ({@code ?message=<id>}), or null when absent or not an id. */
    private static SmsId messageId(String raw) {
        if (raw == null || raw.isBlank()) return null;
        try {
            return SmsId.parse(raw.strip());
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    private static Integer errorCode(String raw) {
        if (raw == null || raw.isBlank()) return null;
        try {
            return Integer.valueOf(raw.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code <Response/>}: Twilio sends no reply. */
    private static HttpResponse<String> empty() {
        return HttpResponse.ok(new MessagingResponse.Builder().build().toXml()).contentType(MediaType.TEXT_XML_TYPE);
    }
}
