package dev.switchboard.domain.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OptOutKeywordsTest {
    @Test
    void the_whole_message_is_the_keyword_in_any_case() {
        var read = new LinkedHashMap<String, Optional<OptOutKeywords.Request>>();
        for (var body : List.of("STOP", "stop", " Stop! ", "STOPALL", "Unsubscribe.", "cancel", "END", "quit", "START", "unstop", "Yes",
                "Please stop", "stop it", "STOP STOP", "", "Start over"))
            read.put(body, OptOutKeywords.of(body));
        var stop = Optional.of(OptOutKeywords.Request.STOP);
        var start = Optional.of(OptOutKeywords.Request.START);
        var none = Optional.<OptOutKeywords.Request>empty();
        var expected = new LinkedHashMap<String, Optional<OptOutKeywords.Request>>();
        for (var entry : List.of(Map.entry("STOP", stop), Map.entry("stop", stop), Map.entry(" Stop! ", stop), Map.entry("STOPALL", stop),
                Map.entry("Unsubscribe.", stop), Map.entry("cancel", stop), Map.entry("END", stop), Map.entry("quit", stop),
                Map.entry("START", start), Map.entry("unstop", start), Map.entry("Yes", start), Map.entry("Please stop", none),
                Map.entry("stop it", none), Map.entry("STOP STOP", none), Map.entry("", none), Map.entry("Start over", none)))
            expected.put(entry.getKey(), entry.getValue());
        assertThat(read).isEqualTo(expected);
        assertThat(OptOutKeywords.of(null)).isEmpty();
    }
}
