/**
 * Twilio calling us: voice and status webhooks, the relay action, and the WebSocket endpoints
 * (the ConversationRelay socket; the Media Streams socket).
 *
 * <h2>Sockets: one handshake mechanism for all</h2>
 * Every WebSocket upgrade on any path goes through {@link dev.switchboard.twilio.in.SocketHandshakeGuard}
 * before the 101. The route Micronaut matched (the {@code @ServerWebSocket} class, not a path string)
 * picks that socket's {@link dev.switchboard.twilio.in.SocketGate}; a socket with no gate is refused.
 * A new socket therefore needs three things:
 * <ol>
 *   <li>a {@code @Singleton} {@code SocketGate} naming the socket class and a {@code kind}, whose
 *       {@code admit(Handshake)} checks {@code X-Twilio-Signature} with
 *       {@code handshake.signedWithAnyOf(accounts.authTokens(tenant))} and returns
 *       {@code Admission.ForCall(tenant, call)} when the signed URL names the call (query or path
 *       variables), {@code Admission.Deferred()} when only the first message will (Media Streams'
 *       {@code start.customParameters}), or {@code Admission.Refused(reason)};</li>
 *   <li>in {@code @OnOpen}, {@code SocketTicket.of(request)}: no ticket means close at once; a
 *       ticket's {@code call()} is the bound tenant and call;</li>
 *   <li>for a deferred ticket, {@code CallSockets.bindDeferred(ticket, tenant, call)} on the first
 *       message (off the event loop) before acting on anything; a refusal means close.</li>
 * </ol>
 * The guard runs gates on a bounded pool off the event loop, checks that the call exists, is not
 * over, and has had no socket of that kind yet ({@link dev.switchboard.twilio.in.CallSockets}),
 * and hands the verdict back to the event loop. Every socket's messages are capped in the Netty
 * pipeline ({@code switchboard.sockets.max-message-bytes}, close 1009).
 */
package dev.switchboard.twilio.in;
