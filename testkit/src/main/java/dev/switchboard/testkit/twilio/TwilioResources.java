package dev.switchboard.testkit.twilio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.testkit.twilio.FakeTwilioRest.Answer;
import java.net.URI;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the fake does on each route, with Twilio's validation and error codes. Called with the
 * {@link FakeTwilioRest}'s lock held.
 */
final class TwilioResources {
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final Set<String> EVENTS = Set.of("initiated", "ringing", "answered", "completed");
    private static final Set<String> FINAL = Set.of("completed", "busy", "failed", "no-answer", "canceled");
    private static final Map<String, String> NUMBER_FIELDS = Map.ofEntries(
            Map.entry("VoiceUrl", "voice_url"), Map.entry("VoiceMethod", "voice_method"),
            Map.entry("VoiceFallbackUrl", "voice_fallback_url"), Map.entry("StatusCallback", "status_callback"),
            Map.entry("StatusCallbackMethod", "status_callback_method"), Map.entry("SmsUrl", "sms_url"),
            Map.entry("SmsMethod", "sms_method"), Map.entry("SmsFallbackUrl", "sms_fallback_url"),
            Map.entry("VoiceApplicationSid", "voice_application_sid"), Map.entry("SmsApplicationSid", "sms_application_sid"),
            Map.entry("FriendlyName", "friendly_name"));
    private static final Set<String> URL_FIELDS = Set.of("VoiceUrl", "VoiceFallbackUrl", "StatusCallback", "SmsUrl", "SmsFallbackUrl");

    private final ObjectMapper json;

    TwilioResources(ObjectMapper json) {
        this.json = json;
    }

    static Answer error(ObjectMapper json, int status, int code, String message) {
        var body = json.createObjectNode();
        if (code == 0) body.putNull("code");
        else body.put("code", code);
        body.put("message", message);
        if (code == 0) body.putNull("more_info");
        else body.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        body.put("status", status);
        return Answer.ok(status, body);
    }

    Answer createCall(TwilioAccountState account, TwilioApiRequest request) {
        var to = request.param("To");
        var from = request.param("From");
        if (to == null || to.isBlank()) return error(json, 400, 21201, "No 'To' number is specified");
        if (!E164.matcher(to).matches() && !to.startsWith("client:") && !to.startsWith("sip:"))
            return error(json, 400, 21211, "Invalid 'To' Phone Number: " + to);
        if (from == null || from.isBlank()) return error(json, 400, 21213, "No 'From' number is specified");
        var number = account.numberByE164(from);
        if (number == null)
            return error(json, 400, 21210, "The source phone number provided, " + from + ", is not yet verified for your account. "
                    + "You may only make calls from phone numbers that you've verified or purchased from Twilio.");
        if (request.param("Url") == null && request.param("Twiml") == null && request.param("ApplicationSid") == null)
            return error(json, 400, 21205, "Url parameter is required. Please provide a Url, Twiml or ApplicationSid.");
        for (var url : new String[] {request.param("Url"), request.param("StatusCallback")})
            if (url != null && !validUrl(url)) return error(json, 400, 21205, "Url is not a valid URL: " + url);
        for (var event : request.params("StatusCallbackEvent"))
            if (!EVENTS.contains(event)) return error(json, 400, 21626, "Invalid StatusCallbackEvents: " + event);
        var detection = request.param("MachineDetection");
        if (detection != null && !detection.equals("Enable") && !detection.equals("DetectMessageEnd"))
            return error(json, 400, 21200, "MachineDetection must be Enable or DetectMessageEnd, not " + detection);
        return Answer.ok(201, account.newCall(json, to, from, number.path("sid").asText()).deepCopy());
    }

    Answer updateCall(TwilioAccountState account, String callSid, TwilioApiRequest request, Map<String, String> twimlByCall) {
        var call = account.calls.get(callSid);
        if (call == null) return error(json, 404, 20404, "The requested resource " + request.path() + " was not found");
        var status = call.path("status").asText();
        var ended = FINAL.contains(status);
        var newStatus = request.param("Status");
        if (newStatus != null) {
            if (!newStatus.equals("completed") && !newStatus.equals("canceled"))
                return error(json, 400, 20001, "Status must be completed or canceled, not " + newStatus);
            if (ended) return error(json, 404, 20404, "The requested resource " + request.path() + " was not found");
            if (newStatus.equals("completed")) moveCall(call, status.equals("in-progress") ? "completed" : "canceled");
            else if (!status.equals("in-progress")) moveCall(call, "canceled");
            return Answer.ok(200, call.deepCopy());
        }
        var twiml = request.param("Twiml");
        var url = request.param("Url");
        if (twiml == null && url == null) return Answer.ok(200, call.deepCopy());
        if (ended) return error(json, 400, 21220, "Call is not in-progress. Cannot redirect.");
        if (twiml != null) {
            if (twiml.length() > 4000) return error(json, 400, 21230, "Twiml exceeds the 4000 character limit");
            twimlByCall.put(callSid, twiml);
        } else if (!validUrl(url)) {
            return error(json, 400, 21205, "Url is not a valid URL: " + url);
        }
        call.put("date_updated", TwilioAccountState.now());
        return Answer.ok(200, call.deepCopy());
    }

    Answer createMessage(TwilioAccountState account, TwilioApiRequest request) {
        var to = request.param("To");
        var from = request.param("From");
        var body = request.param("Body");
        if (to == null || to.isBlank()) return error(json, 400, 21604, "A 'To' phone number is required.");
        if (!E164.matcher(to).matches()) return error(json, 400, 21211, "Invalid 'To' Phone Number: " + to);
        if (from == null && request.param("MessagingServiceSid") == null) return error(json, 400, 21603, "A 'From' phone number is required.");
        if (from != null && account.numberByE164(from) == null)
            return error(json, 400, 21606, "The From phone number " + from + " is not a valid, SMS-capable inbound phone number or short code for your account.");
        if (body == null || body.isEmpty()) return error(json, 400, 21602, "Message body is required.");
        if (body.length() > 1600) return error(json, 400, 21617, "The concatenated message body exceeds the 1600 character limit.");
        var callback = request.param("StatusCallback");
        if (callback != null && !validUrl(callback)) return error(json, 400, 21609, "Invalid StatusCallback URL: " + callback);
        return Answer.ok(201, account.newMessage(json, to, from, body).deepCopy());
    }

    Answer listNumbers(TwilioAccountState account, TwilioApiRequest request) {
        var filter = request.queryParam("PhoneNumber");
        var pageSize = request.queryParam("PageSize") == null ? 50 : Integer.parseInt(request.queryParam("PageSize"));
        var pattern = filter == null ? null : Pattern.compile(Pattern.quote(filter).replace("*", "\\E\\d\\Q"));
        List<ObjectNode> matching = account.numbers.values().stream()
                .filter(n -> pattern == null || pattern.matcher(n.path("phone_number").asText()).matches())
                .limit(pageSize).toList();
        var uri = request.path();
        var page = json.createObjectNode();
        var items = page.putArray("incoming_phone_numbers");
        matching.forEach(n -> items.add(n.deepCopy()));
        page.put("uri", uri + "?PageSize=" + pageSize + "&Page=0").put("first_page_uri", uri + "?PageSize=" + pageSize + "&Page=0")
                .putNull("next_page_uri").putNull("previous_page_uri");
        page.put("page", 0).put("page_size", pageSize).put("start", 0).put("end", Math.max(0, matching.size() - 1));
        return Answer.ok(200, page);
    }

    Answer updateNumber(TwilioAccountState account, String numberSid, TwilioApiRequest request) {
        var number = account.numbers.get(numberSid);
        if (number == null) return error(json, 404, 20404, "The requested resource " + request.path() + " was not found");
        for (var entry : request.form().entrySet()) {
            var value = entry.getValue().isEmpty() ? "" : entry.getValue().get(0);
            if (URL_FIELDS.contains(entry.getKey()) && !value.isEmpty() && !validUrl(value))
                return error(json, 400, 21402, entry.getKey() + " is not a valid URL: " + value);
            if (entry.getKey().endsWith("Method") && !value.isEmpty() && !value.equals("GET") && !value.equals("POST"))
                return error(json, 400, 21403, entry.getKey() + " must be GET or POST, not " + value);
        }
        for (var entry : request.form().entrySet()) {
            var field = NUMBER_FIELDS.get(entry.getKey());
            if (field == null) continue; // Twilio ignores parameters it does not know.
            var value = entry.getValue().isEmpty() ? "" : entry.getValue().get(0);
            if (value.isEmpty()) number.putNull(field);
            else number.put(field, value);
        }
        number.put("date_updated", TwilioAccountState.now());
        return Answer.ok(200, number.deepCopy());
    }

    /** Moves a call's status at Twilio, with the times and duration Twilio would show. */
    void moveCall(ObjectNode call, String status) {
        var now = ZonedDateTime.now(java.time.ZoneOffset.UTC);
        call.put("status", status).put("date_updated", TwilioAccountState.RFC_2822.format(now));
        if (status.equals("in-progress") && call.path("start_time").isNull()) call.put("start_time", TwilioAccountState.RFC_2822.format(now));
        if (FINAL.contains(status)) {
            call.put("end_time", TwilioAccountState.RFC_2822.format(now));
            long talk = 0;
            if (!call.path("start_time").isNull()) {
                var start = ZonedDateTime.parse(call.path("start_time").asText(), TwilioAccountState.RFC_2822);
                talk = Math.max(0, java.time.Duration.between(start, now).toSeconds());
            }
            call.put("duration", String.valueOf(talk));
        }
    }

    /** Twilio wants an absolute http(s) URL whose host has no underscore (PROTOCOLS.md §3.1). */
    private static boolean validUrl(String url) {
        try {
            var uri = URI.create(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null && !uri.getHost().contains("_");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
