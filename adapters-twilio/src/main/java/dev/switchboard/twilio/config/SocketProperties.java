package dev.switchboard.twilio.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Limits on the WebSocket endpoints Twilio connects to.
 *
 * @param maxMessageBytes  the largest whole message (all its fragments joined, after decompression)
 *                         a socket accepts; a larger one closes the socket with 1009. Twilio's relay
 *                         and stream messages are a few hundred bytes.
 * @param handshakeThreads threads that check handshakes (token lookup, call lookup) off the event loop
 * @param handshakeQueue   handshakes that may wait for those threads; beyond that a handshake gets 503
 */
@ConfigurationProperties("switchboard.sockets")
public record SocketProperties(@Bindable(defaultValue = "65536") int maxMessageBytes,
                               @Bindable(defaultValue = "4") int handshakeThreads,
                               @Bindable(defaultValue = "256") int handshakeQueue) {
    public SocketProperties {
        if (maxMessageBytes < 1024) throw new IllegalArgumentException("switchboard.sockets.max-message-bytes must be at least 1024");
        if (handshakeThreads < 1 || handshakeQueue < 1)
            throw new IllegalArgumentException("switchboard.sockets.handshake-threads and handshake-queue must be positive");
    }
}
