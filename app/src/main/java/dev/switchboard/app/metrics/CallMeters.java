package dev.switchboard.app.metrics;

import dev.switchboard.domain.call.CallRecorder;
import dev.switchboard.domain.call.RecordingCounts;
import dev.switchboard.domain.conversation.LiveCalls;
import io.micronaut.context.BeanProvider;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.inject.Singleton;
import java.util.function.ToDoubleFunction;

/**
 * The calls this instance carries and what its call recorder did with their timeline and
 * transcript rows: read when scraped, never counted twice.
 *
 * <p>The meter registry is built before the data source (the pool reports to it), so the
 * recorder, which needs the data source, is looked up when first scraped, not injected.
 */
@Singleton
final class CallMeters implements MeterBinder {
    private final BeanProvider<LiveCalls> live;
    private final BeanProvider<CallRecorder> recorder;

    CallMeters(BeanProvider<LiveCalls> live, BeanProvider<CallRecorder> recorder) {
        this.live = live;
        this.recorder = recorder;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("switchboard.calls.live", live, l -> l.get().count())
                .description("Calls with a live socket on this instance").register(registry);
        Gauge.builder("switchboard.recorder.pending", recorder, r -> r.get().counts().pending())
                .description("Timeline and transcript rows queued, not yet stored").register(registry);
        counter(registry, "switchboard.recorder.stored", "Timeline and transcript rows stored", RecordingCounts::stored);
        counter(registry, "switchboard.recorder.retried", "Batches retried after a temporary failure", RecordingCounts::retried);
        counter(registry, "switchboard.recorder.failed", "Rows given up after failing to store", RecordingCounts::failed);
        counter(registry, "switchboard.recorder.dropped", "Rows refused because the queue stayed full", RecordingCounts::dropped);
    }

    private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<RecordingCounts> read) {
        FunctionCounter.builder(name, recorder, r -> read.applyAsDouble(r.get().counts())).description(description).register(registry);
    }
}
