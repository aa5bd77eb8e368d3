package dev.switchboard.domain.conversation;

/** One model request in flight: what it has spoken so far, and how to stop it. */
final class Turn {
    final Cancellation cancellation = new Cancellation();
    final StringBuilder spoken = new StringBuilder();
    volatile String heard;
}
