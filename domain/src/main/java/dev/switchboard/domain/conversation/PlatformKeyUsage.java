package dev.switchboard.domain.conversation;

import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.shared.TenantId;
import java.time.LocalDate;

/**
 * What each tenant used of the platform's LLM keys, per day: calls answered and output tokens.
 * Counted in one shared store, atomically, so limits hold however many instances serve calls.
 * Thread-safe.
 */
public interface PlatformKeyUsage {
    /** A tenant's use on one day. */
    record Day(int calls, long outputTokens) {}

    /**
     * Counts {@code call} against the tenant's day the first time it is asked about it, if the day
     * has fewer than {@code dailyCalls} calls and {@code dailyTokens} output tokens so far; the
     * answer for that call is kept, so asking again for the same call counts nothing and answers
     * the same. Two instances asking at once for different calls never both take the last one.
     *
     * @return whether the call may use the platform's key
     */
    boolean admitCall(TenantId tenant, CallId call, LocalDate day, int dailyCalls, long dailyTokens);

    /** Adds output tokens to the tenant's day. @return the day's total after adding */
    long addOutputTokens(TenantId tenant, LocalDate day, long tokens);

    /** The tenant's use on that day (zeros when none). */
    Day day(TenantId tenant, LocalDate day);
}
