package dev.switchboard.app.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.caller.CallerAudio;
import dev.switchboard.testkit.realtime.FakeOpenAiRealtime;
import dev.switchboard.testkit.realtime.RealtimeScript;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/**
 * A stream call's audio on an instance whose call threads are all busy (relay turns, tool calls):
 * with two call threads and no queue, the test itself holds both threads once the call has
 * started, and the caller's audio still reaches the model — it is forwarded on the socket's own
 * thread, not queued behind other calls' work on the shared {@code call-turns} pool. Every byte
 * the caller sent reaches the model, in order. No timing is asserted: the threads are held until
 * the audio has arrived. A key pressed meanwhile (a control frame) waits in the call's lane,
 * {@code stream.delayed} on the timeline, and is handled once a thread is free
 * ({@code stream.resumed}).
 */
@MicronautTest
class StreamSaturationE2eTest extends StreamCallStage {
    private static final int THREADS = 2;
    private final FakeOpenAiRealtime realtime = fake(FakeOpenAiRealtime.start());

    @Inject
    @Named("call-turns")
    ExecutorService callTurns;

    @Override
    Map<String, String> settings() {
        return Map.of("switchboard.openai.realtime-url", realtime.url(),
                "switchboard.calls.turn-threads", String.valueOf(THREADS),
                "switchboard.calls.turn-queue", "0");
    }

    @Test
    void caller_audio_reaches_the_model_while_every_call_thread_is_busy() throws Exception {
        var salon = salon("openai", true);
        realtime.script(salon.openAiKey, RealtimeScript.builder()
                .say("Hello, Lumière salon.", Duration.ofMillis(200))
                .pause(Duration.ofMinutes(2))
                .build());
        var release = new CountDownLatch(1);
        try (var call = salon.caller().dialStream(CallerAudio.speechLike(), StreamFixture.callAtTwilio(twilio, salon.number))) {
            var session = realtime.awaitSession(salon.openAiKey, WAIT);
            await().atMost(WAIT).until(() -> session.callerAudio().length > 0);

            occupyEveryCallThread(release);
            int before = session.callerAudio().length;
            // One more second of the caller's audio reaches the model while no call thread is free.
            await().atMost(WAIT).until(() -> session.callerAudio().length >= before + 8_000);
            // A control frame waits in the call's lane instead, in order, and is never dropped.
            call.press('5');
            await().atMost(WAIT).until(() -> StreamFixture.eventTypes(salon.onlyCall()).contains("stream.delayed"));
            assertThat(StreamFixture.eventTypes(salon.onlyCall())).doesNotContain("dtmf.received");

            release.countDown();
            await().atMost(WAIT).until(() -> StreamFixture.eventTypes(salon.onlyCall()).contains("dtmf.received"));
            call.hangUp();
            var sent = call.sent();
            await().atMost(WAIT).until(() -> session.callerAudio().length >= sent.length);
            assertThat(session.callerAudio()).isEqualTo(sent);
        } finally {
            release.countDown();
        }
        await().atMost(WAIT).until(() -> StreamFixture.eventTypes(salon.onlyCall()).contains("stream.resumed"));
        // The key's turn and the lane's "resumed" are written by different threads: only the delay is ordered before the key.
        assertThat(StreamFixture.eventTypes(salon.onlyCall())).containsSubsequence("stream.delayed", "dtmf.received");
    }

    /** Takes both call threads (the pool has no queue, so a task is taken only by a free thread) until {@code release}. */
    private void occupyEveryCallThread(CountDownLatch release) {
        var held = new int[1];
        await().atMost(WAIT).until(() -> {
            try {
                callTurns.execute(() -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                held[0]++;
            } catch (RejectedExecutionException busy) {
                // A call thread is still at the call's own work (its start, a mark): ask again.
            }
            return held[0] == THREADS;
        });
    }
}
