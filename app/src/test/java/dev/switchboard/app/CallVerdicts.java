package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A call's diagnosis as its tenant reads it through the API: {@code GET /api/v1/calls?verdict=…}
 * (the verdict kept on the call when it ended, which each listed call shows) and {@code GET /api/v1/calls/{id}/diagnosis}.
 */
public final class CallVerdicts {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private CallVerdicts() {
    }

    /**
     * Waits until the call list filtered by {@code verdict} shows {@code callId}. Asked before anyone
     * reads the call's diagnosis, it shows the verdict was kept when the call ended (reading the
     * diagnosis keeps it too, which would hide a call end that never diagnosed).
     */
    @SuppressWarnings("unchecked")
    public static void listedUnder(Api owner, String callId, String verdict) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(((List<Map<String, Object>>) owner.get("/api/v1/calls?verdict=" + verdict)
                .json().get("items")).stream().map(c -> c.get("id")).toList()).as("calls listed under " + verdict).containsExactly(callId));
        // Each item of the list shows its verdict, filtered or not, and so does the call itself.
        var filtered = (List<Map<String, Object>>) owner.get("/api/v1/calls?verdict=" + verdict).json().get("items");
        assertThat(filtered).extracting(c -> c.get("verdict")).containsExactly(verdict);
        var all = (List<Map<String, Object>>) owner.get("/api/v1/calls?limit=200").json().get("items");
        assertThat(all).filteredOn(c -> callId.equals(c.get("id"))).extracting(c -> c.get("verdict")).containsExactly(verdict);
        var call = (Map<String, Object>) owner.get("/api/v1/calls/" + callId).json().get("call");
        assertThat(call).containsEntry("verdict", verdict);
    }

    /** The call's diagnosis, as {@code GET /api/v1/calls/{id}/diagnosis} answers it. */
    public static Map<String, Object> diagnosis(Api owner, String callId) {
        var answer = owner.get("/api/v1/calls/" + callId + "/diagnosis");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.json();
    }

    /** The types of the timeline events the diagnosis names as its evidence, in timeline order. */
    @SuppressWarnings("unchecked")
    public static List<String> evidenceTypes(Map<String, Object> diagnosis) {
        return ((List<Map<String, Object>>) diagnosis.get("evidence")).stream().map(e -> (String) e.get("type")).toList();
    }
}
