package dev.switchboard.domain.call;

/** What applying a reported status did to a call: moved it forward, or nothing. */
public sealed interface StatusChange {
    Call call();

    /** The call moved from one status to a later one. */
    record Moved(Call call, CallStatus from, CallStatus to) implements StatusChange {}

    /** The status was a duplicate, late, or came after the end: the call is unchanged. */
    record Ignored(Call call, CallStatus current, CallStatus reported) implements StatusChange {}
}
