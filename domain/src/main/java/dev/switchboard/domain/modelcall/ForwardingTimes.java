package dev.switchboard.domain.modelcall;

/**
 * How long a stream call's audio spends inside this instance: from the moment a frame has been
 * read off one socket to the moment it has been handed to the other (written, when both sockets
 * share an event loop). What a caller hears as delay is this, plus the time the frame waited for
 * its event loop (the event-loop lag) and the network's; this part is the platform's own work.
 * Told for every frame, on event loops: implementations must be cheap and never block.
 */
public interface ForwardingTimes {
    /** A caller frame read {@code nanos} ago ({@link System#nanoTime}) has been handed to the model's socket. */
    void callerToModel(long nanos);

    /** A model event read {@code nanos} ago has been handled: its audio, if any, handed to the caller's socket. */
    void modelToCaller(long nanos);

    /** Told to no one. */
    ForwardingTimes NONE = new ForwardingTimes() {
        @Override
        public void callerToModel(long nanos) {
        }

        @Override
        public void modelToCaller(long nanos) {
        }
    };
}
