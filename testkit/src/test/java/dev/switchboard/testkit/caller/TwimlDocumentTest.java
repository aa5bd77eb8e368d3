package dev.switchboard.testkit.caller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The TwiML examples of PROTOCOLS.md §1.3 and §4. */
class TwimlDocumentTest {

    @Test
    void reads_a_conversation_relay_with_its_attributes_languages_parameters_and_action() {
        var twiml = TwimlDocument.parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Response>
                  <Connect action="https://voice.example.com/twilio/relay-ended" method="POST">
                    <ConversationRelay url="wss://voice.example.com/twilio/relay"
                                       welcomeGreeting="Hi, you've reached Acme Dental. How can I help?"
                                       welcomeGreetingInterruptible="speech"
                                       language="en-US"
                                       ttsProvider="ElevenLabs" voice="YOUR_ELEVENLABS_VOICE_ID"
                                       transcriptionProvider="Deepgram"
                                       interruptible="any" dtmfDetection="true"
                                       hints="Invisalign,Dr. Okafor">
                      <Language code="es-US" ttsProvider="Google" voice="es-US-Neural2-A" transcriptionProvider="Google"/>
                      <Parameter name="tenantId" value="acme"/>
                    </ConversationRelay>
                  </Connect>
                </Response>""");

        var relay = twiml.conversationRelay().orElseThrow();
        assertThat(relay.url()).isEqualTo("wss://voice.example.com/twilio/relay");
        assertThat(List.of(relay.welcomeGreeting(), relay.language(), relay.voice(), relay.ttsProvider(),
                relay.transcriptionProvider(), relay.interruptible())).containsExactly(
                Optional.of("Hi, you've reached Acme Dental. How can I help?"), Optional.of("en-US"),
                Optional.of("YOUR_ELEVENLABS_VOICE_ID"), Optional.of("ElevenLabs"), Optional.of("Deepgram"), Optional.of("any"));
        assertThat(relay.dtmfDetection()).isTrue();
        assertThat(relay.attribute("hints")).contains("Invisalign,Dr. Okafor");
        assertThat(relay.parameters()).isEqualTo(Map.of("tenantId", "acme"));
        assertThat(relay.languages()).containsExactly(Map.of("code", "es-US", "ttsProvider", "Google",
                "voice", "es-US-Neural2-A", "transcriptionProvider", "Google"));
        assertThat(twiml.connectAction()).contains("https://voice.example.com/twilio/relay-ended");
        assertThat(twiml.connect().orElseThrow().method()).isEqualTo("POST");
        assertThat(twiml.says()).isEmpty();
        assertThat(twiml.hangsUp()).isFalse();
    }

    @Test
    void reads_a_stream_connect_and_the_verbs_after_it() {
        var twiml = TwimlDocument.parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Response>
                  <Connect>
                    <Stream url="wss://voice.example.com/twilio/media" statusCallback="https://voice.example.com/twilio/stream-status">
                      <Parameter name="tenantId" value="acme"/>
                    </Stream>
                  </Connect>
                  <Say>Transferring you now.</Say>
                  <Dial>+14155550123</Dial>
                </Response>""");

        assertThat(twiml.verbs()).containsExactly(
                new TwimlDocument.Connect(Optional.empty(), "POST", Optional.empty(), Optional.of("wss://voice.example.com/twilio/media"),
                        Map.of("tenantId", "acme")),
                new TwimlDocument.Say("Transferring you now.", Map.of()),
                new TwimlDocument.Dial(List.of("+14155550123"), Map.of()));
        assertThat(twiml.conversationRelay()).isEmpty();
    }

    @Test
    void reads_the_action_answer_of_a_hand_off() {
        var twiml = TwimlDocument.parse("""
                <Response>
                  <Say>Connecting you to a specialist.</Say>
                  <Dial callerId="+18885550199"><Number>+14155550123</Number></Dial>
                </Response>""");

        assertThat(twiml.says()).containsExactly("Connecting you to a specialist.");
        assertThat(twiml.dial()).contains(new TwimlDocument.Dial(List.of("+14155550123"), Map.of("callerId", "+18885550199")));
    }

    @Test
    void reads_say_hangup_and_reject() {
        assertThat(TwimlDocument.parse("<Response><Say voice=\"alice\">Goodbye.</Say><Hangup/></Response>").verbs())
                .containsExactly(new TwimlDocument.Say("Goodbye.", Map.of("voice", "alice")), new TwimlDocument.Hangup());
        assertThat(TwimlDocument.parse("<Response><Reject reason=\"busy\"/></Response>").reject())
                .contains(new TwimlDocument.Reject("busy"));
    }

    @Test
    void refuses_what_twilio_refuses() {
        assertThatThrownBy(() -> TwimlDocument.parse("<Response><Say>unclosed</Response>"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12100");
        assertThatThrownBy(() -> TwimlDocument.parse("<Reply><Say>hi</Say></Reply>"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12102");
        assertThatThrownBy(() -> TwimlDocument.parse("{\"not\":\"xml\"}")).isInstanceOf(IllegalArgumentException.class);
    }
}
