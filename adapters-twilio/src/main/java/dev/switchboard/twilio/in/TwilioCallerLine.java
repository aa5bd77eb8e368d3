package dev.switchboard.twilio.in;

import dev.switchboard.domain.call.CallEvent;
import dev.switchboard.domain.call.CallId;
import dev.switchboard.domain.call.CallRepository;
import dev.switchboard.domain.modelcall.CallerLine;
import dev.switchboard.domain.modelcall.MuLawChunk;
import dev.switchboard.domain.shared.E164Number;
import dev.switchboard.domain.shared.TenantId;
import dev.switchboard.domain.telephony.CallUpdate;
import dev.switchboard.domain.telephony.Telephony;
import dev.switchboard.domain.telephony.TelephonyAccount;
import dev.switchboard.domain.telephony.TelephonyResult;
import io.micronaut.json.JsonMapper;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The caller's end of a stream call over Twilio (PROTOCOLS.md §5.7, §7.3): agent audio as
 * {@code media} messages each followed by a {@code mark}, {@code clear} on barge-in, and a
 * transfer or hang-up by updating the live call through Twilio's REST API with new TwiML (which
 * ends the stream). If that update cannot be made, the socket is closed: Twilio then plays the
 * TwiML after {@code <Connect>}, our apology and hand-off, so the caller is never left in silence.
 */
final class TwilioCallerLine implements CallerLine {
    private final WebSocketSession socket;
    /** The socket's channel when known: agent audio is written to it directly; {@code null}: through {@link #socket}. */
    private final Channel channel;
    private final String streamSid;
    private final String callSid;
    private final String accountSid;
    private final TenantId tenant;
    private final CallId callId;
    private final Telephony telephony;
    private final CallRepository calls;
    private final JsonMapper json;
    private final Clock clock;
    /** The start of every {@code media} message this line sends, up to the payload (written once: the stream's id never changes). */
    private final String mediaHead;
    private final String markHead;

    TwilioCallerLine(WebSocketSession socket, Channel channel, String streamSid, String callSid, String accountSid, TenantId tenant, CallId callId,
                     Telephony telephony, CallRepository calls, JsonMapper json, Clock clock) {
        this.socket = socket;
        this.channel = channel;
        this.streamSid = streamSid;
        this.callSid = callSid;
        this.accountSid = accountSid;
        this.tenant = tenant;
        this.callId = callId;
        this.telephony = telephony;
        this.calls = calls;
        this.json = json;
        this.clock = clock;
        var sid = JsonText.quote(streamSid, new StringBuilder()).toString();
        this.mediaHead = "{\"event\":\"media\",\"streamSid\":" + sid + ",\"media\":{\"payload\":\"";
        this.markHead = "{\"event\":\"mark\",\"streamSid\":" + sid + ",\"mark\":{\"name\":";
    }

    @Override
    public void play(byte[] mulaw, String mark) {
        play(MuLawChunk.of(mulaw.clone()), mark);
    }

    /**
     * Written by hand, as often as the model sends audio: base64 needs no escaping, so the
     * model's own base64 goes into Twilio's payload as it came, with no decode and no encode.
     */
    @Override
    public void play(MuLawChunk audio, String mark) {
        var media = mediaHead + audio.base64() + "\"}}";
        var marker = JsonText.quote(mark, new StringBuilder(markHead.length() + mark.length() + 4).append(markHead)).append("}}").toString();
        if (channel == null) {
            if (!socket.isOpen()) return;
            socket.sendAsync(media);
            socket.sendAsync(marker);
            return;
        }
        if (!channel.isActive()) return;
        // Both frames in one flush: one system call per 20 ms of agent audio instead of two.
        channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(media.getBytes(StandardCharsets.UTF_8))));
        channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(marker.getBytes(StandardCharsets.UTF_8))));
    }

    /** The socket's event loop, once known: a model socket running there hands audio over without a thread hop. */
    @Override
    public Optional<Executor> audioThread() {
        return channel == null ? Optional.empty() : Optional.of(channel.eventLoop());
    }

    @Override
    public void clear() {
        send(Map.of("event", "clear", "streamSid", streamSid));
    }

    @Override
    public void transfer(E164Number number, String words, String language) {
        update(Twiml.dial(number, words, language, null), "transfer", number.value());
    }

    @Override
    public void hangUp(String words, String language) {
        update(words == null ? Twiml.hangUp() : Twiml.sayAndHangUp(words, language), "hang-up", null);
    }

    private void update(String twiml, String what, String number) {
        var data = new LinkedHashMap<String, Object>();
        data.put("action", what);
        if (number != null) data.put("transferNumber", number);
        try {
            var result = telephony.updateCall(TelephonyAccount.of(tenant, accountSid), callSid, new CallUpdate.Twiml(twiml));
            if (result instanceof TelephonyResult.Refused<?> refused) {
                data.put("outcome", "refused");
                data.put("refusal", String.valueOf(refused));
            } else {
                data.put("outcome", "updated");
            }
        } catch (RuntimeException e) {
            data.put("outcome", "failed");
            data.put("error", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        event("twilio.call.updated", data);
        if (!"updated".equals(data.get("outcome")) && socket.isOpen()) {
            // Twilio goes on with the TwiML after <Connect>: our apology and hand-off.
            socket.close(CloseReason.NORMAL);
        }
    }

    private void event(String type, Map<String, Object> data) {
        try {
            calls.findById(tenant, callId).ifPresent(call -> calls.appendEvent(CallEvent.of(call, clock.instant(), type, data)));
        } catch (RuntimeException ignored) {
            // Best effort while the call is live.
        }
    }

    private void send(Map<String, Object> message) {
        if (!socket.isOpen()) return;
        try {
            socket.sendAsync(new String(json.writeValueAsBytes(message), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("could not write a Media Streams message", e);
        }
    }
}
