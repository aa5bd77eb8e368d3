package dev.switchboard.domain.call;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** {@link CallRecorder#direct}: stores on the caller's thread; nothing is ever pending. */
final class DirectCallRecorder implements CallRecorder {
    private static final System.Logger LOG = System.getLogger(DirectCallRecorder.class.getName());
    private final CallRepository calls;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    DirectCallRecorder(CallRepository calls) {
        this.calls = calls;
    }

    @Override
    public void event(CallEvent event) {
        store(() -> calls.appendEvent(event), "event " + event.type() + " of call " + event.callId());
    }

    @Override
    public void message(CallMessage message) {
        store(() -> calls.saveMessage(message), "transcript turn " + message.id() + " of call " + message.callId());
    }

    private void store(Runnable write, String what) {
        try {
            write.run();
            stored.incrementAndGet();
        } catch (RuntimeException e) {
            // Logged and counted, not thrown: the caller matters more than the record.
            failed.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "call record not stored: " + what + " (" + e.getMessage() + ")");
        }
    }

    @Override
    public boolean flush(Duration timeout) {
        return true;
    }

    @Override
    public RecordingCounts counts() {
        return new RecordingCounts(stored.get(), 0, failed.get(), 0, 0);
    }
}
