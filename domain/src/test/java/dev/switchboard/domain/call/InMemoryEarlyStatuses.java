package dev.switchboard.domain.call;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** In-memory {@link EarlyStatuses} for domain tests. */
public final class InMemoryEarlyStatuses implements EarlyStatuses {
    private record Kept(RecordCallStatus.Command command, Instant receivedAt) {}

    private final CallRepository calls;
    private final List<Kept> kept = new ArrayList<>();

    public InMemoryEarlyStatuses(CallRepository calls) {
        this.calls = calls;
    }

    @Override
    public synchronized void keep(RecordCallStatus.Command command, Instant receivedAt) {
        kept.add(new Kept(command, receivedAt));
    }

    @Override
    public synchronized List<RecordCallStatus.Command> takeMatched(int limit) {
        var taken = new ArrayList<RecordCallStatus.Command>();
        for (var it = kept.iterator(); it.hasNext() && taken.size() < limit; ) {
            var k = it.next();
            if (calls.findByProviderCallId(k.command().tenantId(), k.command().providerCallId()).isPresent()) {
                taken.add(k.command());
                it.remove();
            }
        }
        return taken;
    }

    @Override
    public synchronized int forgetReceivedBefore(Instant before) {
        int size = kept.size();
        kept.removeIf(k -> k.receivedAt().isBefore(before));
        return size - kept.size();
    }
}
