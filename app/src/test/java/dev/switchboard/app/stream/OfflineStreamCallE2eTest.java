package dev.switchboard.app.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.caller.CallerAudio;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A stream call with no OpenAI key anywhere (the tenant has no connection, the platform none
 * configured): the offline speech model answers. The virtual caller plays Media Streams in real
 * time: it hears the greeting out, speaks (a speech-like signal), hears the offer out, and presses
 * 1 as a keypad tone in the audio (no {@code dtmf} message). The first free slot is booked through
 * the real tools and the call is ended through the fake Twilio REST API.
 */
@MicronautTest
class OfflineStreamCallE2eTest extends StreamCallStage {
    @Override
    Map<String, String> settings() {
        // No platform key, whatever the machine running the tests has in its environment.
        return Map.of("switchboard.llm.openai.api-key", "", "openai.api-key", "");
    }

    @Test
    void with_no_key_anywhere_the_offline_speech_model_books_the_first_free_slot_on_an_in_band_1() throws Exception {
        var salon = salon("openai", true);
        assertThat(salon.owner.delete("/api/v1/connections/openai").status()).isEqualTo(204);
        var before = firstFreeSlots(salon);
        var callSid = StreamFixture.callAtTwilio(twilio, salon.number);

        try (var call = salon.caller().dialStream(CallerAudio.silence(), callSid)) {
            assertThat(call.handshakeStatus()).isEqualTo(101);
            call.awaitAgentTurn(Duration.ofMillis(400), WAIT);          // the greeting
            call.speak(1200);
            call.awaitAgentTurn(Duration.ofMillis(400), WAIT);          // "press 1 to book the first free slot"
            call.pressInBand('1');
            // Booked, and the goodbye played: the call is hung up through Twilio's REST API.
            await().atMost(WAIT).until(() -> twilio.twimlOf(callSid) != null);
            assertThat(twilio.twimlOf(callSid)).contains("<Hangup");
            call.hangUp();
        }

        var booked = salon.owner.get("/api/v1/appointments").list();
        assertThat(booked).singleElement().satisfies(a -> assertThat(a).containsEntry("clientName", "Phone caller")
                .containsEntry("serviceType", "appointment").containsEntry("clientPhone", "+33612345678").containsEntry("status", "booked"));
        var slot = booked.get(0).get("date") + " " + booked.get(0).get("start");
        var after = firstFreeSlots(salon);
        // The first free slot when the call was placed (the grid may have moved on by a slot while it ran).
        assertThat(slot).isIn(before.first(), before.size() > 1 ? before.toArray()[1] : before.first());
        assertThat(after).doesNotContain(slot);

        await().atMost(WAIT).until(() -> StreamFixture.call(salon.onlyCall()).get("summary") != null);
        var detail = salon.onlyCall();
        assertThat(StreamFixture.call(detail)).containsEntry("status", "completed").containsEntry("runtime", "stream");
        var date = LocalDate.parse((String) booked.get(0).get("date"));
        var day = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH).format(date);
        var transcript = StreamFixture.transcript(detail);
        assertThat(transcript).hasSize(5);
        assertThat(transcript.get(0)).isEqualTo("agent: Hello, how can I help you?");
        assertThat(transcript.get(1)).matches("caller: \\[speech, 1\\.[0-9] s]");
        assertThat(transcript.subList(2, 5)).containsExactly(
                "agent: I am the offline demo voice, so I cannot understand words yet. Press 1 to book the first free slot.",
                "caller: [pressed 1]",
                "agent: You are booked for " + day + " at " + booked.get(0).get("start") + ". Thank you for calling, goodbye.");
        var events = StreamFixture.eventTypes(detail);
        assertThat(events).containsSubsequence("stream.started", "model.offline", "model.connecting", "model.ready",
                "tool.called", "tool.called", "tool.called", "call.ending", "status.changed", "summary.written").contains("twilio.call.updated");
        assertThat(events).doesNotContain("model.failed", "call.handoff");
        assertThat(timelineData(detail, "model.offline")).containsEntry("reason", "no key for openai: answering with the offline speech model");
    }

    /** Today's free start times, else the next open day's, as "yyyy-MM-dd HH:mm". */
    @SuppressWarnings("unchecked")
    private static TreeSet<String> firstFreeSlots(StreamFixture salon) {
        var today = salon.tomorrow().minusDays(1);
        var out = new TreeSet<String>();
        for (int i = 0; i < 3 && out.size() < 2; i++) {
            var day = today.plusDays(i);
            var slots = (List<String>) salon.owner.get("/api/v1/availability/slots?date=" + day).json().get("freeSlots");
            if (slots != null) slots.forEach(s -> out.add(day + " " + s));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> timelineData(Map<String, Object> detail, String type) {
        return ((List<Map<String, Object>>) detail.get("timeline")).stream().filter(e -> type.equals(e.get("type")))
                .map(e -> (Map<String, Object>) e.get("data")).findFirst().orElseThrow();
    }
}
