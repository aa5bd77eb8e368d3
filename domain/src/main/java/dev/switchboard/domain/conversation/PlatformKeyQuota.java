package dev.switchboard.domain.conversation;

import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.shared.TenantId;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-tenant daily limits on replies the platform's own LLM key pays for (a tenant with a key of
 * its own is never counted): how many calls a day may use it, and how many output tokens. Days
 * are UTC days, the operator's billing day at the providers, the same for every tenant.
 *
 * <p>A call is counted at its first platform-paid reply and, once admitted, keeps the platform
 * model until the day's output tokens are spent; a call that is not admitted, or whose day ran
 * out of tokens, is answered by the offline model. Output tokens are added after each reply, so a
 * day can overshoot its token limit by the replies in flight at that moment (each capped at
 * {@code switchboard.quota.platform-max-tokens}). Thread-safe.
 */
public final class PlatformKeyQuota {
    /** The words the call's timeline shows, once per call, when the quota sends it to the offline model. */
    public static final ModelReply.Note REACHED =
            new ModelReply.Note("platform_quota", "platform LLM quota for today reached: answering with the offline model");
    /** The words when the day's count could not be read (database unavailable): the platform's key is not used unchecked. */
    public static final ModelReply.Note UNCHECKED =
            new ModelReply.Note("platform_quota", "platform LLM quota could not be checked: answering with the offline model");

    private final PlatformKeyUsage usage;
    private final int dailyCalls;
    private final long dailyTokens;
    private final Clock clock;

    /**
     * @param dailyCalls calls per tenant and UTC day that may use the platform's key (0: none)
     * @param dailyTokens output tokens per tenant and UTC day (0: none)
     */
    public PlatformKeyQuota(PlatformKeyUsage usage, int dailyCalls, long dailyTokens, Clock clock) {
        if (dailyCalls < 0) throw new IllegalArgumentException("daily calls must be >= 0");
        if (dailyTokens < 0) throw new IllegalArgumentException("daily tokens must be >= 0");
        this.usage = usage;
        this.dailyCalls = dailyCalls;
        this.dailyTokens = dailyTokens;
        this.clock = clock;
    }

    /**
     * Whether this request may be paid by the platform's key. A request outside any call is
     * checked against the day's tokens only.
     */
    public boolean allows(TenantId tenant, CallId call) {
        var today = today();
        if (call != null && !usage.admitCall(tenant, call, today, dailyCalls, dailyTokens)) return false;
        return usage.day(tenant, today).outputTokens() < dailyTokens;
    }

    /** Counts what a platform-paid reply cost. */
    public void spent(TenantId tenant, ModelReply reply) {
        spent(tenant, reply.outputTokens());
    }

    /**
     * Counts output tokens a platform-paid response produced (a stream call's, as its provider
     * reported them).
     *
     * <p>Every call of a tenant adds to the same row, and each addition waits for the disk at
     * commit while it holds that row: one at a time, the row took well under a hundred additions
     * a second, fewer than a thousand live stream calls report, and the backlog held the whole
     * connection pool. So one addition per tenant and day is written at a time on this instance;
     * what is reported meanwhile is added up and written by the same thread right after, in one
     * statement. A caller whose tokens are taken into another's write returns at once (the day's
     * total then lags by that write, as it does by the replies in flight). A write that fails keeps
     * its tokens for the next report and throws to its caller.
     */
    public void spent(TenantId tenant, long outputTokens) {
        if (outputTokens <= 0) return;
        var day = today();
        var key = new TenantDay(tenant, day);
        var counting = unwritten.get(key);
        if (counting == null) {
            // A new day: yesterday's entries (all written, or given up with their failure) are let go.
            unwritten.keySet().removeIf(k -> !k.day().equals(day));
            counting = unwritten.computeIfAbsent(key, k -> new Unwritten());
        }
        counting.tokens.addAndGet(outputTokens);
        while (counting.tokens.get() > 0 && counting.writing.compareAndSet(false, true)) {
            long tokens = counting.tokens.getAndSet(0);
            try {
                if (tokens > 0) usage.addOutputTokens(tenant, day, tokens);
            } catch (RuntimeException e) {
                counting.tokens.addAndGet(tokens);
                throw e;
            } finally {
                counting.writing.set(false);
            }
        }
    }

    private record TenantDay(TenantId tenant, LocalDate day) {}

    /** Tokens reported and not yet written for one tenant and day, and whether a write is under way. */
    private static final class Unwritten {
        final AtomicLong tokens = new AtomicLong();
        final AtomicBoolean writing = new AtomicBoolean();
    }

    private final ConcurrentHashMap<TenantDay, Unwritten> unwritten = new ConcurrentHashMap<>();

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
