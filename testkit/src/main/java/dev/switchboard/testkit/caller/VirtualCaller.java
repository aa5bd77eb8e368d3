package dev.switchboard.testkit.caller;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Places calls against a Switchboard server exactly as Twilio would (PROTOCOLS.md §1–4, §6): a
 * signed voice webhook, the TwiML's ConversationRelay WebSocket with a signed handshake and a
 * {@code setup} message, caller speech as {@code prompt}s, the relay-action request after
 * {@code end}, and the status callbacks. It knows nothing of the server's internals.
 *
 * <pre>{@code
 * var caller = VirtualCaller.builder("http://localhost:" + port).authToken(token).to("+15005550006").build();
 * CallResult call = caller.call(CallScript.builder().say("What are your opening hours?").press("0").awaitEnd().build());
 * }</pre>
 *
 * Immutable and thread-safe: each {@link #dial()} is an independent call.
 */
public final class VirtualCaller {
    static final String API_VERSION = "2010-04-01";

    private final Endpoints endpoints;
    private final String authToken;
    private final String accountSid;
    private final String from;
    private final String to;
    private final String direction;
    private final Duration replyTimeout;
    private final String voicePath;
    private final String statusPath;
    private final StatusDelivery statusDelivery;
    private final CallListener listener;
    private final Clock clock;
    private final HttpClient http;
    private final WebhookClient webhooks;
    private final boolean socketsUnreachable;
    private final boolean sendsSetup;

    private VirtualCaller(Builder b) {
        this.socketsUnreachable = b.socketsUnreachable;
        this.sendsSetup = b.sendsSetup;
        var servers = new java.util.ArrayList<String>();
        servers.add(b.baseUrl);
        servers.addAll(b.moreServers);
        this.endpoints = new Endpoints(servers, b.publicUrl);
        this.authToken = require(b.authToken, "an auth token");
        this.accountSid = b.accountSid;
        this.from = b.from;
        this.to = b.to;
        this.direction = b.direction;
        this.replyTimeout = b.replyTimeout;
        this.voicePath = b.voicePath;
        this.statusPath = b.statusPath;
        this.statusDelivery = b.statusDelivery;
        this.listener = b.listener;
        this.clock = b.clock;
        // HTTP/1.1 only: Twilio never tries an h2c upgrade on webhooks.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(b.httpTimeout).build();
        this.webhooks = new WebhookClient(http, endpoints, authToken, b.httpTimeout);
    }

    /** @param baseUrl where the server listens, e.g. {@code http://localhost:8080} */
    public static Builder builder(String baseUrl) {
        return new Builder(baseUrl);
    }

    /**
     * Rings the server: posts the voice webhook, reads the TwiML and, if it connects a
     * ConversationRelay, opens the signed socket and sends {@code setup}. Never throws for what the
     * server answers: a refused webhook or handshake shows in the returned call and its result.
     */
    public LiveCall dial() {
        return LiveCall.dial(this, Sids.random("CA"));
    }

    /**
     * Rings the server for a Media Streams call: the voice webhook, then, if the TwiML connects a
     * {@code <Stream>}, its signed socket, {@code start} and the caller's {@code audio} in real time.
     */
    public StreamCall dialStream(CallerAudio audio) {
        return StreamCall.dial(this, audio, Sids.random("CA"));
    }

    /** As {@link #dialStream(CallerAudio)}, for a call Twilio knows as {@code callSid} (e.g. one a fake REST API holds). */
    public StreamCall dialStream(CallerAudio audio, String callSid) {
        return StreamCall.dial(this, audio, callSid);
    }

    /** As {@link #dial()}, for a call Twilio knows as {@code callSid} (e.g. one we asked a fake REST API to place). */
    public LiveCall dial(String callSid) {
        return LiveCall.dial(this, callSid);
    }

    /** Dials, plays {@code script}, follows the end of the session and hangs up. */
    public CallResult call(CallScript script) {
        return call(script, Sids.random("CA"));
    }

    /** As {@link #call(CallScript)}, for a call Twilio knows as {@code callSid}. */
    public CallResult call(CallScript script, String callSid) {
        try (var call = dial(callSid)) {
            call.play(script);
            return call.hangUp();
        }
    }

    /** The parameters Twilio sends with every request about call {@code callSid} (PROTOCOLS.md §1.2). */
    public Map<String, String> callParameters(String callSid, String callStatus) {
        var p = new LinkedHashMap<String, String>();
        p.put("AccountSid", accountSid);
        p.put("ApiVersion", API_VERSION);
        p.put("CallSid", callSid);
        p.put("CallStatus", callStatus);
        p.put("Called", to);
        p.put("CalledCountry", country(to));
        p.put("Caller", from);
        p.put("CallerCountry", country(from));
        p.put("Direction", direction);
        p.put("From", from);
        p.put("FromCity", "");
        p.put("FromCountry", country(from));
        p.put("FromState", "");
        p.put("FromZip", "");
        p.put("To", to);
        p.put("ToCity", "");
        p.put("ToCountry", country(to));
        p.put("ToState", "");
        p.put("ToZip", "");
        return p;
    }

    /** The initial voice webhook's parameters for a new call ({@code CallStatus=ringing}). */
    public Map<String, String> voiceParameters(String callSid) {
        var p = callParameters(callSid, "ringing");
        p.put("CallerName", "");
        p.put("StirVerstat", "TN-Validation-Passed-A");
        return p;
    }

    /** Posts the voice webhook with {@code params}, correctly signed. */
    public WebhookExchange postVoiceWebhook(Map<String, String> params) {
        return webhooks.postSigned(voicePath, params, Sids.idempotencyToken());
    }

    /**
     * Posts a form to {@code pathOrUrl} (a path under the public URL, or an absolute public URL)
     * with exactly {@code signature} as {@code X-Twilio-Signature} (empty: no header), for negative tests.
     */
    public WebhookExchange postWithSignature(String pathOrUrl, Map<String, String> params, Optional<String> signature) {
        return webhooks.post(pathOrUrl, params, signature, Sids.idempotencyToken());
    }

    /** Posts a form to {@code pathOrUrl}, signed with the auth token as Twilio would. */
    public WebhookExchange postSigned(String pathOrUrl, Map<String, String> params) {
        return webhooks.postSigned(pathOrUrl, params, Sids.idempotencyToken());
    }

    /** The correct signature of a form post to {@code pathOrUrl} (a path is resolved against the public URL). */
    public String signatureFor(String pathOrUrl, Map<String, String> params) {
        return TwilioSignature.sign(authToken, pathOrUrl.startsWith("/") ? endpoints.publicHttp(pathOrUrl) : pathOrUrl, params);
    }

    /**
     * Opens a relay socket to {@code twimlUrl} (as written in TwiML) with exactly {@code signature}
     * ({@code null}: no header), for negative tests. Sends nothing.
     *
     * @throws RelayHandshakeRejected with the refusing HTTP status
     */
    public RelayConnection openRelay(String twimlUrl, String signature) {
        var signedUrl = endpoints.absolute(twimlUrl, true);
        return RelayConnection.open(http, endpoints.reachable(signedUrl), signature, replyTimeout);
    }

    /** Opens a relay socket to {@code twimlUrl} with the correct handshake signature. */
    public RelayConnection openRelay(String twimlUrl) {
        return openRelay(twimlUrl, TwilioSignature.signHandshake(authToken, endpoints.absolute(twimlUrl, true)));
    }

    /**
     * The HTTP status the server answers a relay handshake with {@code signature}: 101 when it
     * upgrades (the socket is then closed at once), -1 when unreachable.
     */
    public int relayHandshakeStatus(String twimlUrl, String signature) {
        try (var ignored = openRelay(twimlUrl, signature)) {
            return 101;
        } catch (RelayHandshakeRejected e) {
            return e.status();
        }
    }

    Endpoints endpoints() { return endpoints; }
    WebhookClient webhooks() { return webhooks; }
    HttpClient http() { return http; }
    String authToken() { return authToken; }
    String accountSid() { return accountSid; }
    String from() { return from; }
    String to() { return to; }
    String direction() { return direction; }
    Duration replyTimeout() { return replyTimeout; }
    String voicePath() { return voicePath; }
    String statusPath() { return statusPath; }
    StatusDelivery statusDelivery() { return statusDelivery; }
    CallListener listener() { return listener; }
    Clock clock() { return clock; }
    boolean socketsUnreachable() { return socketsUnreachable; }
    boolean sendsSetup() { return sendsSetup; }

    private static String country(String number) {
        if (number.startsWith("+1")) return "US";
        if (number.startsWith("+33")) return "FR";
        if (number.startsWith("+44")) return "GB";
        if (number.startsWith("+49")) return "DE";
        if (number.startsWith("+34")) return "ES";
        return "";
    }

    private static String require(String value, String what) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException(what + " is required");
        return value;
    }

    /** Configures a {@link VirtualCaller}. Not thread-safe. */
    public static final class Builder {
        private final String baseUrl;
        private String publicUrl;
        private String authToken;
        private String accountSid = Sids.random("AC");
        private String from = "+14155550100";
        private String to = "+15005550006";
        private String direction = "inbound";
        private Duration replyTimeout = Duration.ofSeconds(30);
        private Duration httpTimeout = Duration.ofSeconds(15);
        private String voicePath = "/webhooks/twilio/voice";
        private String statusPath = "/webhooks/twilio/status";
        private StatusDelivery statusDelivery = StatusDelivery.IN_ORDER;
        private CallListener listener = new CallListener() {};
        private Clock clock = Clock.systemUTC();
        private final java.util.List<String> moreServers = new java.util.ArrayList<>();
        private boolean socketsUnreachable;
        private boolean sendsSetup = true;

        private Builder(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        /** The URL the server validates signatures against ({@code SWITCHBOARD_PUBLIC_URL}); default the base URL. */
        public Builder publicUrl(String publicUrl) { this.publicUrl = publicUrl; return this; }

        /**
         * More instances of the same server behind the public URL: every request (webhook, socket,
         * callback) then goes to the next server in turn, the base URL first, as a round-robin load
         * balancer without sticky sessions would send it.
         */
        public Builder alsoServedBy(String... baseUrls) { moreServers.addAll(java.util.List.of(baseUrls)); return this; }

        /** The Twilio auth token requests are signed with. Required. */
        public Builder authToken(String authToken) { this.authToken = authToken; return this; }

        /** {@code AccountSid}; default a random {@code AC…}. */
        public Builder accountSid(String accountSid) { this.accountSid = accountSid; return this; }

        /** The caller's number ({@code From}); default {@code +14155550100}. */
        public Builder from(String from) { this.from = from; return this; }

        /** The number called ({@code To}); default {@code +15005550006}. */
        public Builder to(String to) { this.to = to; return this; }

        /** {@code Direction}: {@code inbound} (default), {@code outbound-api}, {@code outbound-dial}. */
        public Builder direction(String direction) { this.direction = direction; return this; }

        /** How long to wait for the agent's next message before calling a turn timed out; default 30 s. */
        public Builder replyTimeout(Duration replyTimeout) { this.replyTimeout = replyTimeout; return this; }

        /** Connect and answer timeout of each webhook; default Twilio's 15 s. */
        public Builder httpTimeout(Duration httpTimeout) { this.httpTimeout = httpTimeout; return this; }

        /** Path of the voice webhook; default {@code /webhooks/twilio/voice}. */
        public Builder voicePath(String voicePath) { this.voicePath = voicePath; return this; }

        /** Path of the status callback; default {@code /webhooks/twilio/status}. */
        public Builder statusPath(String statusPath) { this.statusPath = statusPath; return this; }

        /** Order and repetition of the status callbacks; default in order, once. */
        public Builder statusDelivery(StatusDelivery statusDelivery) { this.statusDelivery = statusDelivery; return this; }

        /** Follows the call as it happens. */
        public Builder listener(CallListener listener) { this.listener = listener; return this; }

        /** The clock for {@code Timestamp}s and durations; default the system clock. */
        public Builder clock(Clock clock) { this.clock = clock; return this; }

        /**
         * Twilio cannot reach the WebSockets the TwiML names (a tunnel that forwards HTTP but not
         * WebSockets, a public URL written as {@code ws://}…): the connection fails, no session
         * starts, and the call ends with its status callbacks as usual.
         */
        public Builder socketsUnreachable() { this.socketsUnreachable = true; return this; }

        /** The relay socket opens but Twilio's {@code setup} message never arrives (a proxy that drops frames). */
        public Builder withoutSetup() { this.sendsSetup = false; return this; }

        public VirtualCaller build() {
            return new VirtualCaller(this);
        }
    }
}
