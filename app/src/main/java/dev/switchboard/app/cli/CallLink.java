package dev.switchboard.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where the API shows a simulated call: the call's id there (Twilio's CallSid is not it) and the
 * curl that reads the call, so a new user goes from {@code simulate} to the call's transcript and
 * timeline without looking anything up.
 */
record CallLink(String url, String callId) {
    private static final ObjectMapper JSON = new ObjectMapper();

    CallLink {
        url = url.replaceAll("/$", "");
    }

    String curl() {
        return "curl -H \"Authorization: Bearer $TOKEN\" " + url + "/api/v1/calls/" + callId;
    }

    /** What simulate prints after the call. */
    List<String> lines() {
        return List.of("API call id: " + callId, "  " + curl(),
                "  ($TOKEN: the access_token of POST " + url + "/api/v1/auth/login; the demo tenant logs in as " + SimulateCommand.DEMO_EMAIL
                        + " with the password in the data directory's demo-password file)");
    }

    /**
     * The API's record of the call Twilio knows as {@code callSid}, among the tenant's latest calls;
     * empty when {@code token} is null or the call is not (yet) there after a short wait.
     */
    static Optional<CallLink> find(String url, String token, String callSid) throws InterruptedException {
        if (token == null || callSid == null) return Optional.empty();
        var base = url.replaceAll("/$", "");
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        // The call's row is written as the webhook is answered, but a reader may be a beat behind.
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                var response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/calls?limit=20"))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) return Optional.empty();
                for (var item : JSON.readTree(response.body()).path("items"))
                    if (callSid.equals(item.path("providerCallId").asText())) return Optional.of(new CallLink(base, item.path("id").asText()));
            } catch (IOException e) {
                return Optional.empty();
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }
}
