package dev.switchboard.twilio.in;

import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Connect;
import com.twilio.twiml.voice.ConversationRelay;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Parameter;
import com.twilio.twiml.voice.Say;
import com.twilio.twiml.voice.Stream;
import dev.switchboard.domain.assistant.Assistant;
import dev.switchboard.domain.shared.E164Number;
import java.util.Locale;
import java.util.Map;

/** The TwiML documents we answer with, built with the Twilio SDK so they are always valid. */
final class Twiml {
    private Twiml() {}

    /** Hands the call to our ConversationRelay socket; Twilio comes back to {@code actionUrl} when it ends. */
    static String conversationRelay(Assistant assistant, String socketUrl, String actionUrl, Map<String, String> parameters) {
        var relay = new ConversationRelay.Builder()
                .url(socketUrl)
                .language(assistant.language())
                .ttsProvider(providerName(assistant.voice().provider()))
                .voice(assistant.voice().voiceId())
                .transcriptionProvider(providerName(assistant.transcriber().provider()))
                .speechModel(assistant.transcriber().model())
                .transcriptionLanguage(assistant.transcriber().language())
                .interruptible(assistant.interruptible().wireName())
                .welcomeGreetingInterruptible("speech")
                // Keys are only worth hearing when the assistant's DTMF policy maps some.
                .dtmfDetection(!assistant.dtmfPolicy().actions().isEmpty());
        if (assistant.firstMessage() != null) relay.welcomeGreeting(assistant.firstMessage());
        parameters.forEach((name, value) -> relay.parameter(new Parameter.Builder().name(name).value(value).build()));
        var connect = new Connect.Builder().action(actionUrl).method(com.twilio.http.HttpMethod.POST).conversationRelay(relay.build()).build();
        return xml(new VoiceResponse.Builder().connect(connect));
    }

    /**
     * Hands the call to our Media Streams socket ({@code <Connect><Stream>} with {@code <Parameter>}s).
     * What follows {@code <Connect>} plays only if our server closes the socket without moving the
     * call on (PROTOCOLS.md §4.1): an apology and the assistant's transfer number, or a goodbye —
     * so even a server that loses the model and Twilio's REST API leaves no one in silence.
     */
    static String stream(Assistant assistant, String socketUrl, Map<String, String> parameters) {
        var stream = new Stream.Builder().url(socketUrl);
        parameters.forEach((name, value) -> stream.parameter(new Parameter.Builder().name(name).value(value).build()));
        var response = new VoiceResponse.Builder().connect(new Connect.Builder().stream(stream.build()).build());
        var french = assistant.language().toLowerCase(Locale.ROOT).startsWith("fr");
        if (assistant.transferNumber() != null) {
            response.say(say(french ? "Désolé, nous rencontrons un problème technique. Je vous passe un collègue."
                    : "Sorry, we are having technical trouble. Let me put you through to a colleague.", assistant.language()));
            response.dial(new Dial.Builder().number(new Number.Builder(assistant.transferNumber().value()).build()).build());
        } else {
            response.say(say(french ? "Désolé, nous rencontrons un problème technique. Merci de rappeler plus tard. Au revoir."
                    : "Sorry, we are having technical trouble. Please call back later. Goodbye.", assistant.language()));
            response.hangup(new Hangup.Builder().build());
        }
        return xml(response);
    }

    /** A polite sentence, then hang up. */
    static String sayAndHangUp(String text, String language) {
        return xml(new VoiceResponse.Builder().say(say(text, language)).hangup(new Hangup.Builder().build()));
    }

    /** Connects the caller to a human, after telling them so. */
    static String dial(E164Number number, String announcement, String language, String callerId) {
        var dial = new Dial.Builder().number(new Number.Builder(number.value()).build());
        if (callerId != null) dial.callerId(callerId);
        return xml(new VoiceResponse.Builder().say(say(announcement, language)).dial(dial.build()));
    }

    static String hangUp() {
        return xml(new VoiceResponse.Builder().hangup(new Hangup.Builder().build()));
    }

    static String empty() {
        return xml(new VoiceResponse.Builder());
    }

    private static Say say(String text, String language) {
        var say = new Say.Builder(text);
        if (language != null) {
            for (var candidate : Say.Language.values()) {
                if (candidate.toString().equalsIgnoreCase(language)) {
                    say.language(candidate);
                    break;
                }
            }
        }
        return say.build();
    }

    /** ConversationRelay spells providers "ElevenLabs", "Google", "Amazon", "Deepgram". */
    static String providerName(String provider) {
        return switch (provider.toLowerCase(Locale.ROOT)) {
            case "elevenlabs" -> "ElevenLabs";
            case "google" -> "Google";
            case "amazon", "polly" -> "Amazon";
            case "deepgram" -> "Deepgram";
            default -> provider;
        };
    }

    private static String xml(VoiceResponse.Builder response) {
        try {
            return response.build().toXml();
        } catch (TwiMLException e) {
            throw new IllegalStateException("could not write TwiML", e);
        }
    }
}
