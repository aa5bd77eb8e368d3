package dev.switchboard.twilio.in;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A WebSocket upgrade request as a {@link SocketGate} sees it.
 *
 * @param signedUrl     the URL Twilio signed: our public URL with the path and query exactly as
 *                      received (raw, not decoded or normalised), in the {@code ws}/{@code wss} scheme
 * @param signature     the {@code X-Twilio-Signature} header, or {@code null}
 * @param pathVariables the matched route's path variables (decoded), e.g. {@code {tenant}}
 * @param query         the query parameters (decoded), first value of each
 */
record Handshake(String signedUrl, String signature, Map<String, String> pathVariables, Map<String, String> query) {
    Handshake {
        pathVariables = Map.copyOf(pathVariables);
        query = Map.copyOf(query);
    }

    /** Whether Twilio signed this handshake with one of these auth tokens (PROTOCOLS.md §2.4: the URL alone). */
    boolean signedWithAnyOf(List<String> authTokens) {
        return TwilioSignatures.valid(authTokens, signedUrl, Map.of(), signature);
    }

    Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name));
    }

    Optional<String> pathVariable(String name) {
        return Optional.ofNullable(pathVariables.get(name));
    }
}
