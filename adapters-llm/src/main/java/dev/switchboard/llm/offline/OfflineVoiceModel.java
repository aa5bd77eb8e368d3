package dev.switchboard.llm.offline;

import dev.switchboard.domain.modelcall.RealtimeVoiceModel;
import dev.switchboard.domain.modelcall.VoiceModelListener;
import dev.switchboard.domain.modelcall.VoiceSession;
import dev.switchboard.domain.modelcall.VoiceSessionRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offline speech model: what answers a stream call when its provider has no key anywhere
 * (the stream runtime's counterpart of {@link OfflineLanguageModel}), so a fresh install can place
 * a whole stream call. Not a language model and not a voice: it hears that the caller speaks
 * ({@code audio-core}'s voice-activity detector) and which keys they press (its DTMF detector, on
 * the tones in the audio, and Twilio's {@code dtmf} messages passed on by the domain), and answers
 * with a speech-like signal as long as its words ({@link SyntheticVoice}) plus the words as the
 * agent's transcript. It greets, offers to book the first free slot on 1, books it through the
 * domain's tools ({@code check_availability} then {@code book_appointment}), confirms, and ends
 * the call ({@code end_call}); 0 asks for a colleague, 9 ends the call. Works on 8 kHz μ-law
 * directly; deterministic; one session per call; thread-safe.
 */
@Singleton
public final class OfflineVoiceModel implements RealtimeVoiceModel {
    private static final Logger LOG = LoggerFactory.getLogger(OfflineVoiceModel.class);
    private final ScheduledExecutorService pool;
    private final LongSupplier nanoTime;

    @Inject
    public OfflineVoiceModel() {
        this(System::nanoTime);
    }

    /** @param nanoTime the pacing clock (tests run it faster than real time) */
    OfflineVoiceModel(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        var count = new AtomicInteger();
        // Daemon threads: they pace audio and run the detectors, and must never hold the process up.
        this.pool = Executors.newScheduledThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
            var t = new Thread(r, "offline-voice-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public boolean serves(String provider) {
        return OFFLINE.equalsIgnoreCase(provider);
    }

    @Override
    public VoiceSession open(VoiceSessionRequest request, VoiceModelListener listener) {
        LOG.warn("no {} API key for tenant {} nor the platform: answering the stream call with the offline speech model",
                request.provider(), request.tenant());
        var session = new OfflineVoiceSession(request, listener, pool, nanoTime);
        session.start();
        return session;
    }
}
