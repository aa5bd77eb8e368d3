package dev.switchboard.domain.call;

import java.time.Instant;
import java.util.List;

/**
 * Carrier status callbacks that arrived before their call was stored (the voice webhook still
 * running, or handled by another instance; a call whose creation failed). They are kept instead
 * of dropped, and applied once the call exists ({@link RecordCallStatus#applyEarly}).
 */
public interface EarlyStatuses {
    /** Keeps a callback that matched no call. */
    void keep(RecordCallStatus.Command command, Instant receivedAt);

    /**
     * Removes and returns up to {@code limit} kept callbacks whose call now exists, oldest first.
     * Each is returned once, even to two instances asking at the same time.
     */
    List<RecordCallStatus.Command> takeMatched(int limit);

    /** Forgets callbacks received before {@code before} whose call never appeared; @return how many */
    int forgetReceivedBefore(Instant before);
}
