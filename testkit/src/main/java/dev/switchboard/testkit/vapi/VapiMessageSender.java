package dev.switchboard.testkit.vapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts server messages to a webhook the way Vapi does (PROTOCOLS.md §8): JSON
 * {@code {"message":{…}}} with the shared secret in {@code X-Vapi-Secret} (or as a bearer
 * token). {@link #call} builds realistic messages for one call; send the same node twice to
 * simulate a redelivery.
 */
public final class VapiMessageSender {
    /** How the secret travels. */
    public enum SecretStyle { X_VAPI_SECRET, BEARER, NONE }

    /** One item of a {@code tool-calls} message; {@code arguments} a map or a raw string. */
    public record ToolCallItem(String id, String name, Object arguments) {}

    /** What the webhook answered. */
    public record Answer(int status, String contentType, String body, JsonNode json) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI webhook;
    private final String secret;
    private final SecretStyle style;

    public VapiMessageSender(URI webhook, String secret, SecretStyle style) {
        this.webhook = webhook;
        this.secret = secret;
        this.style = style;
    }

    public VapiMessageSender(URI webhook, String secret) {
        this(webhook, secret, SecretStyle.X_VAPI_SECRET);
    }

    public VapiMessageSender withSecret(String other, SecretStyle how) {
        return new VapiMessageSender(webhook, other, how);
    }

    public VapiMessageSender to(URI other) {
        return new VapiMessageSender(other, secret, style);
    }

    /** Sends {@code {"message": message}}. */
    public Answer send(ObjectNode message) {
        var envelope = JSON.createObjectNode();
        envelope.set("message", message);
        return sendRaw(envelope.toString());
    }

    /**
     * Delivers the same message {@code times} times at once, as Vapi does when it retries a request
     * that is still running: the threads are started, wait at a common gate, then all post.
     * Answers come back in thread order; each waits at most a minute (a hang guard, not a timing).
     */
    public List<Answer> sendConcurrently(ObjectNode message, int times) {
        var envelope = JSON.createObjectNode();
        envelope.set("message", message.deepCopy());
        var body = envelope.toString();
        var gate = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(times);
        try {
            var pending = new ArrayList<Future<Answer>>();
            for (int i = 0; i < times; i++)
                pending.add(pool.submit(() -> {
                    gate.await();
                    return sendRaw(body);
                }));
            gate.countDown();
            var answers = new ArrayList<Answer>();
            for (var answer : pending) answers.add(answer.get(60, TimeUnit.SECONDS));
            return answers;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("a concurrent delivery failed or hung", e);
        } finally {
            pool.shutdownNow();
        }
    }

    public Answer sendRaw(String body) {
        var request = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (style == SecretStyle.X_VAPI_SECRET && secret != null) request.header("X-Vapi-Secret", secret);
        if (style == SecretStyle.BEARER && secret != null) request.header("Authorization", "Bearer " + secret);
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = null;
            var contentType = response.headers().firstValue("Content-Type").orElse("");
            if (contentType.contains("json") && !response.body().isBlank()) parsed = JSON.readTree(response.body());
            return new Answer(response.statusCode(), contentType, response.body(), parsed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A call as Vapi describes it: an inbound Twilio call from {@code customer} to {@code ourNumber},
     * carried by Vapi assistant {@code vapiAssistantId} whose metadata is {@code metadata}.
     */
    public static Call call(String ourNumber, String customer, String vapiAssistantId, Map<String, String> metadata, Instant start) {
        return new Call(UUID.randomUUID().toString(), "CA" + UUID.randomUUID().toString().replace("-", ""), ourNumber, customer,
                vapiAssistantId, metadata, start);
    }

    /**
     * A call we placed with {@code POST /call}, as Vapi's messages describe it: {@code placed} is
     * Vapi's answer (the fake's {@link FakeVapi#calls()} entry) — its id, customer and the per-call
     * overrides Vapi echoes on the call — from {@code ourNumber}, by {@code vapiAssistantId}.
     */
    public static Call outbound(JsonNode placed, String ourNumber, String vapiAssistantId, Map<String, String> metadata, Instant start) {
        var call = new Call(placed.path("id").asText(), "CA" + UUID.randomUUID().toString().replace("-", ""), ourNumber,
                placed.path("customer").path("number").asText(), vapiAssistantId, metadata, start);
        call.type = "outboundPhoneCall";
        call.overrides = placed.has("assistantOverrides") ? (ObjectNode) placed.get("assistantOverrides").deepCopy() : null;
        return call;
    }

    /** Builds the messages of one call; each message is stamped {@code offsetSeconds} after the start. */
    public static final class Call {
        private final String id;
        private final String twilioSid;
        private final String ourNumber;
        private final String customer;
        private final String vapiAssistantId;
        private final Map<String, String> metadata;
        private final Instant start;
        private final String phoneNumberId = UUID.randomUUID().toString();
        private final String orgId = UUID.randomUUID().toString();
        private String type = "inboundPhoneCall";
        private ObjectNode overrides;

        Call(String id, String twilioSid, String ourNumber, String customer, String vapiAssistantId, Map<String, String> metadata, Instant start) {
            this.id = id;
            this.twilioSid = twilioSid;
            this.ourNumber = ourNumber;
            this.customer = customer;
            this.vapiAssistantId = vapiAssistantId;
            this.metadata = metadata == null ? Map.of() : metadata;
            this.start = start;
        }

        public String id() {
            return id;
        }

        public String twilioSid() {
            return twilioSid;
        }

        public ObjectNode assistantRequest(double offsetSeconds) {
            var message = base("assistant-request", offsetSeconds, "ringing", false);
            return message;
        }

        public ObjectNode statusUpdate(double offsetSeconds, String status, String endedReason) {
            var message = base("status-update", offsetSeconds, status, true);
            message.put("status", status);
            if (endedReason != null) message.put("endedReason", endedReason);
            return message;
        }

        /** {@code role}: {@code user} or {@code assistant}; sent as Vapi's subscribed final transcript type. */
        public ObjectNode transcript(double offsetSeconds, String role, String text) {
            var message = base("transcript[transcriptType=\"final\"]", offsetSeconds, "in-progress", true);
            message.put("role", role).put("transcriptType", "final").put("transcript", text).put("isFiltered", false);
            return message;
        }

        /** {@code turns}: alternating {role, text} pairs, roles {@code user} / {@code bot}. */
        public ObjectNode conversationUpdate(double offsetSeconds, List<String[]> turns) {
            var message = base("conversation-update", offsetSeconds, "in-progress", true);
            var messages = message.putArray("messages");
            messages.addObject().put("role", "system").put("message", "You answer the phone.").put("time", millis(0)).put("secondsFromStart", 0);
            var openAi = message.putArray("messagesOpenAIFormatted");
            double at = 1;
            for (var turn : turns) {
                messages.addObject().put("role", turn[0]).put("message", turn[1]).put("time", millis(at))
                        .put("endTime", millis(at + 2)).put("secondsFromStart", at);
                openAi.addObject().put("role", turn[0].equals("bot") ? "assistant" : turn[0]).put("content", turn[1]);
                at += 3;
            }
            return message;
        }

        /** One function tool call, in both shapes Vapi sends ({@code toolCallList} and {@code toolWithToolCallList}). */
        public ObjectNode toolCalls(double offsetSeconds, String toolCallId, String name, Map<String, Object> arguments) {
            var message = base("tool-calls", offsetSeconds, "in-progress", true);
            var args = JSON.valueToTree(arguments);
            var call = message.putArray("toolCallList").addObject().put("id", toolCallId).put("type", "function");
            call.putObject("function").put("name", name).set("arguments", args);
            var with = message.putArray("toolWithToolCallList").addObject().put("type", "function");
            with.putObject("function").put("name", name).putObject("parameters").put("type", "object");
            with.putObject("server").put("url", "https://switchboard.example.com/webhooks/vapi");
            var nested = with.putObject("toolCall").put("id", toolCallId).put("type", "function");
            nested.putObject("function").put("name", name).set("arguments", args.deepCopy());
            return message;
        }

        /**
         * Several tool calls in one message, in the order given, in both shapes Vapi sends.
         * {@code arguments} of an item may be a map (sent as a JSON object) or a string (sent as is,
         * as Vapi's schema allows — e.g. broken JSON the model produced).
         */
        public ObjectNode toolCalls(double offsetSeconds, List<ToolCallItem> items) {
            var message = base("tool-calls", offsetSeconds, "in-progress", true);
            var list = message.putArray("toolCallList");
            var withList = message.putArray("toolWithToolCallList");
            for (var item : items) {
                var args = item.arguments() instanceof String s ? JSON.getNodeFactory().textNode(s) : JSON.valueToTree(item.arguments());
                var call = list.addObject().put("id", item.id()).put("type", "function");
                call.putObject("function").put("name", item.name()).set("arguments", args);
                var with = withList.addObject().put("type", "function");
                with.putObject("function").put("name", item.name()).putObject("parameters").put("type", "object");
                with.putObject("server").put("url", "https://switchboard.example.com/webhooks/vapi");
                var nested = with.putObject("toolCall").put("id", item.id()).put("type", "function");
                nested.putObject("function").put("name", item.name()).set("arguments", args.deepCopy());
            }
            return message;
        }

        /** The report sent after the call ended; {@code turns} as for {@link #conversationUpdate}. */
        public ObjectNode endOfCallReport(double offsetSeconds, String endedReason, double answeredAt, double endedAt,
                                         String cost, String summary, List<String[]> turns) {
            var message = base("end-of-call-report", offsetSeconds, "ended", true);
            message.put("endedReason", endedReason)
                    .put("startedAt", start.plusMillis((long) (answeredAt * 1000)).toString())
                    .put("endedAt", start.plusMillis((long) (endedAt * 1000)).toString())
                    .put("cost", new java.math.BigDecimal(cost));
            var costs = message.putArray("costs");
            costs.addObject().put("type", "transport").put("provider", "twilio").put("minutes", 1.5).put("cost", 0.0112);
            costs.addObject().put("type", "model").put("promptTokens", 5210).put("completionTokens", 388).put("cost", 0.042);
            var artifact = message.putObject("artifact");
            var transcriptText = new StringBuilder();
            var messages = artifact.putArray("messages");
            double at = 1;
            for (var turn : turns) {
                messages.addObject().put("role", turn[0]).put("message", turn[1]).put("time", millis(at))
                        .put("endTime", millis(at + 2)).put("secondsFromStart", at);
                transcriptText.append(turn[0].equals("user") ? "User: " : "AI: ").append(turn[1]).append('\n');
                at += 3;
            }
            artifact.put("transcript", transcriptText.toString());
            artifact.put("recordingUrl", "https://storage.vapi.ai/" + id + "-mono.wav");
            artifact.put("stereoRecordingUrl", "https://storage.vapi.ai/" + id + "-stereo.wav");
            var analysis = message.putObject("analysis").put("summary", summary).put("successEvaluation", "true");
            analysis.putObject("structuredData").put("booked", true);
            return message;
        }

        /** Any message type, e.g. one Vapi adds later. */
        public ObjectNode other(double offsetSeconds, String type) {
            return base(type, offsetSeconds, "in-progress", true);
        }

        private long millis(double offsetSeconds) {
            return start.plusMillis((long) (offsetSeconds * 1000)).toEpochMilli();
        }

        private ObjectNode base(String type, double offsetSeconds, String callStatus, boolean withAssistant) {
            var message = JSON.createObjectNode().put("type", type).put("timestamp", millis(offsetSeconds));
            var call = message.putObject("call").put("id", id).put("orgId", orgId).put("type", type)
                    .put("status", callStatus).put("phoneCallProvider", "twilio").put("phoneCallTransport", "pstn")
                    .put("phoneCallProviderId", twilioSid).put("phoneNumberId", phoneNumberId)
                    .put("createdAt", start.toString());
            if (withAssistant && vapiAssistantId != null) call.put("assistantId", vapiAssistantId);
            if (overrides != null) call.set("assistantOverrides", overrides.deepCopy());
            call.putObject("customer").put("number", customer);
            message.putObject("phoneNumber").put("id", phoneNumberId).put("provider", "twilio").put("number", ourNumber);
            message.putObject("customer").put("number", customer);
            if (withAssistant && vapiAssistantId != null) {
                var assistant = message.putObject("assistant").put("id", vapiAssistantId).put("name", "Reception");
                var meta = assistant.putObject("metadata");
                metadata.forEach(meta::put);
            }
            return message;
        }
    }
}
