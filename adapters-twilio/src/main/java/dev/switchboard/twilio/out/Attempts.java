package dev.switchboard.twilio.out;

import com.twilio.exception.ApiException;
import dev.switchboard.domain.shared.PortFailure;
import dev.switchboard.domain.telephony.Refusal;
import dev.switchboard.domain.telephony.TelephonyResult;
import dev.switchboard.twilio.config.TwilioApiProperties;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Twilio operation with a bounded retry, and says what came of it in the domain's words:
 * Twilio's 4xx answers become {@link TelephonyResult.Refused} with its code and message; being
 * unreachable, too slow, 5xx, 401 on stored credentials, 429 or an unreadable answer become a
 * {@link PortFailure}.
 *
 * <p>What is retried depends on whether repeating is safe. A request that never reached Twilio,
 * or that Twilio said it did not process (429, 503), is retried for every operation. Other 5xx
 * answers, timeouts and broken connections are retried only for reads and idempotent updates: a
 * second {@code POST Calls.json} after a timeout could ring the customer twice. Backoff doubles
 * from 200 ms with jitter, within {@code api-attempts} and {@code api-budget}.
 */
final class Attempts {
    /** How an operation may be repeated. */
    enum Operation {
        /** A GET. */
        READ(true),
        /** A POST that sets the same state however often it arrives (a number's webhooks, a hang-up). */
        IDEMPOTENT(true),
        /** A POST that acts each time (a call, a message, new TwiML for a call). */
        NOT_REPEATABLE(false),
        /** A GET whose 401 is the answer (the credentials being checked), not a failure. */
        CREDENTIAL_CHECK(true);

        final boolean repeatable;

        Operation(boolean repeatable) {
            this.repeatable = repeatable;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Attempts.class);
    private static final long FIRST_BACKOFF_MS = 200;

    private final TwilioApiProperties properties;

    Attempts(TwilioApiProperties properties) {
        this.properties = properties;
    }

    <T> TelephonyResult<T> run(String what, Operation operation, Supplier<T> call) {
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            PortFailure failure;
            boolean retryable;
            try {
                return TelephonyResult.accepted(call.get());
            } catch (ApiUrlHttpClient.Unreachable e) {
                var timedOut = e.kind() == ApiUrlHttpClient.Unreachable.Kind.TIMED_OUT;
                failure = new PortFailure(timedOut ? PortFailure.Category.TIMEOUT : PortFailure.Category.UNAVAILABLE,
                        what + ": Twilio is unreachable (" + e.getMessage() + ")", e);
                retryable = e.kind() == ApiUrlHttpClient.Unreachable.Kind.NOT_SENT || operation.repeatable;
            } catch (ApiException e) {
                var status = e.getStatusCode() != null ? e.getStatusCode() : e.getHttpStatusCode();
                if (status == null) {
                    throw new PortFailure(PortFailure.Category.UNAVAILABLE, what + ": Twilio answered something unreadable", e);
                }
                var refusal = new Refusal(status, e.getCode() == null ? 0 : e.getCode(), e.getMessage(), e.getMoreInfo());
                if (status == 401 && operation != Operation.CREDENTIAL_CHECK)
                    throw new PortFailure(PortFailure.Category.REJECTED_CREDENTIALS, what + ": Twilio rejected the account's credentials: " + refusal, e);
                if (status < 500 && status != 429) return TelephonyResult.refused(refusal);
                failure = new PortFailure(status == 429 ? PortFailure.Category.RATE_LIMITED : PortFailure.Category.UNAVAILABLE,
                        what + ": Twilio failed: " + refusal, e);
                retryable = status == 429 || status == 503 || operation.repeatable;
            } catch (PortFailure e) {
                throw e;
            } catch (RuntimeException e) {
                // The SDK could not read the answer (not JSON, missing fields): repeating would not help.
                throw new PortFailure(PortFailure.Category.UNAVAILABLE, what + ": Twilio answered something unreadable", e);
            }
            var backoff = backoff(attempt);
            var elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (!retryable || attempt >= properties.apiAttempts()
                    || elapsed.plus(backoff).plus(properties.apiReadTimeout()).compareTo(properties.apiBudget()) > 0) {
                throw failure;
            }
            LOG.info("{}: attempt {} failed ({}), retrying in {} ms", what, attempt, failure.getMessage(), backoff.toMillis());
            sleep(backoff);
        }
    }

    private static Duration backoff(int attempt) {
        long base = FIRST_BACKOFF_MS << Math.min(attempt - 1, 5);
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortFailure(PortFailure.Category.UNAVAILABLE, "interrupted while waiting to retry a Twilio request", e);
        }
    }
}
