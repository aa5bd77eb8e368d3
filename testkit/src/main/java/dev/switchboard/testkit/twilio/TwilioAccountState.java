package dev.switchboard.testkit.twilio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One fake Twilio account: its credentials and the resources it holds, as Twilio's JSON
 * (snake_case, RFC 2822 dates). Guarded by the {@link FakeTwilioRest} that owns it.
 */
final class TwilioAccountState {
    static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);
    private static final SecureRandom RANDOM = new SecureRandom();

    final String sid;
    final String authToken;
    final ObjectNode account;
    final Map<String, ObjectNode> numbers = new LinkedHashMap<>();
    final Map<String, ObjectNode> calls = new LinkedHashMap<>();
    final Map<String, ObjectNode> messages = new LinkedHashMap<>();

    TwilioAccountState(ObjectMapper json, String sid, String authToken, String friendlyName) {
        this.sid = sid;
        this.authToken = authToken;
        var now = now();
        account = json.createObjectNode().put("sid", sid).put("friendly_name", friendlyName).put("status", "active")
                .put("type", "Full").put("owner_account_sid", sid).put("date_created", now).put("date_updated", now)
                .put("uri", "/2010-04-01/Accounts/" + sid + ".json");
        account.putNull("auth_token");
    }

    ObjectNode newNumber(ObjectMapper json, String e164) {
        var pn = sid("PN");
        var now = now();
        var node = json.createObjectNode().put("sid", pn).put("account_sid", sid).put("phone_number", e164)
                .put("friendly_name", e164).put("origin", "twilio").put("status", "in-use").put("api_version", "2010-04-01")
                .put("voice_method", "POST").put("sms_method", "POST").put("status_callback_method", "POST")
                .put("voice_caller_id_lookup", false).put("date_created", now).put("date_updated", now)
                .put("uri", "/2010-04-01/Accounts/" + sid + "/IncomingPhoneNumbers/" + pn + ".json");
        for (var field : new String[] {"voice_url", "voice_fallback_url", "voice_application_sid", "trunk_sid", "status_callback",
                "sms_url", "sms_fallback_url", "sms_application_sid"})
            node.putNull(field);
        node.putObject("capabilities").put("voice", true).put("sms", true).put("mms", true).put("fax", false);
        numbers.put(pn, node);
        return node;
    }

    ObjectNode numberByE164(String e164) {
        return numbers.values().stream().filter(n -> e164.equals(n.path("phone_number").asText())).findFirst().orElse(null);
    }

    ObjectNode newCall(ObjectMapper json, String to, String from, String numberSid) {
        var ca = sid("CA");
        var now = now();
        var node = json.createObjectNode().put("sid", ca).put("account_sid", sid).put("to", to).put("to_formatted", to)
                .put("from", from).put("from_formatted", from).put("status", "queued").put("direction", "outbound-api")
                .put("phone_number_sid", numberSid).put("price_unit", "USD").put("queue_time", "0").put("api_version", "2010-04-01")
                .put("date_created", now).put("date_updated", now).put("uri", "/2010-04-01/Accounts/" + sid + "/Calls/" + ca + ".json");
        for (var field : new String[] {"answered_by", "duration", "start_time", "end_time", "parent_call_sid", "price",
                "forwarded_from", "caller_name", "group_sid", "trunk_sid"})
            node.putNull(field);
        node.putObject("subresource_uris").put("recordings", "/2010-04-01/Accounts/" + sid + "/Calls/" + ca + "/Recordings.json");
        calls.put(ca, node);
        return node;
    }

    ObjectNode newMessage(ObjectMapper json, String to, String from, String body) {
        var sm = sid("SM");
        var now = now();
        var node = json.createObjectNode().put("sid", sm).put("account_sid", sid).put("to", to).put("from", from)
                .put("body", body).put("status", "queued").put("direction", "outbound-api")
                .put("num_segments", String.valueOf(Math.max(1, (body.length() + 152) / 153))).put("num_media", "0")
                .put("price_unit", "USD").put("api_version", "2010-04-01").put("date_created", now).put("date_updated", now)
                .put("uri", "/2010-04-01/Accounts/" + sid + "/Messages/" + sm + ".json");
        for (var field : new String[] {"error_code", "error_message", "price", "date_sent", "messaging_service_sid"})
            node.putNull(field);
        messages.put(sm, node);
        return node;
    }

    static String now() {
        return RFC_2822.format(ZonedDateTime.now(ZoneOffset.UTC));
    }

    static String sid(String prefix) {
        var bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
