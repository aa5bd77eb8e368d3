package dev.switchboard.twilio.in;

/**
 * Who may open one of our WebSocket endpoints. Every {@code @ServerWebSocket} class the platform
 * serves has exactly one gate bean; {@link SocketHandshakeGuard} refuses an upgrade to any socket
 * without one, so a new socket is closed to the world until it says who may call it.
 *
 * <p>The guard picks the gate by the route Micronaut matched (the socket class), never by
 * comparing path strings, so no spelling of the path (trailing slash, {@code /./}, doubled
 * slashes, percent-encoding) reaches a socket without its gate. A gate runs off the event loop on
 * the guard's bounded pool: it may read the database and decrypt tokens. It must not keep state.
 *
 * <p>Two ways to admit, because Twilio's sockets name their call differently (PROTOCOLS.md §2.4):
 * <ul>
 *   <li>{@link Admission.ForCall}: the signed handshake URL names tenant and call (ConversationRelay
 *       puts them in the query; Media Streams can put them in the path, e.g.
 *       {@code /webhooks/twilio/stream/{tenant}/{call}}, read from {@link Handshake#pathVariables()}).
 *       The gate checks the signature with {@link Handshake#signedWithAnyOf}; the guard then checks
 *       the call is live and has no socket of this kind yet.</li>
 *   <li>{@link Admission.Deferred}: the URL names no call (a Media Streams URL cannot carry a query
 *       string; the call arrives in {@code start.customParameters}). The upgrade goes ahead, and the
 *       socket must call {@link CallSockets#bindDeferred} with the tenant and call the first message
 *       names before it trusts any frame; that checks the handshake's signature with that tenant's
 *       tokens, the call's liveness and the one-socket rule.</li>
 * </ul>
 *
 * <p>The socket reads its admission in {@code @OnOpen} with {@link SocketTicket#of}; no ticket means
 * the guard did not run, and the socket must close at once.
 */
interface SocketGate {
    /** The {@code @ServerWebSocket} class this gate admits connections to. */
    Class<?> socket();

    /** A short name for claims and logs, e.g. {@code relay} or {@code stream}: one socket per call and kind. */
    String kind();

    /** Decides on a handshake. Runs on a bounded pool, off the event loop; may block briefly. */
    Admission admit(Handshake handshake);
}
