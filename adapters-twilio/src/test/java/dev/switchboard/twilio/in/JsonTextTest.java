package dev.switchboard.twilio.in;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTextTest {
    @ParameterizedTest
    @ValueSource(strings = {"Hello, ", "il a dit \"oui\" ", "C:\\dossier", "ligne\nsuivante\r\t", "\u0000\u001f",
            "café à 14 h ", "\u2028\u2029", "emoji 😀 ", ""})
    void a_token_reads_back_as_itself(String token) throws IOException {
        var json = JsonText.quote(token, new StringBuilder()).toString();
        try (var parser = new JsonFactory().createParser(json)) {
            parser.nextToken();
            assertThat(parser.getText()).isEqualTo(token);
        }
        assertThat(json).doesNotContain("\n").doesNotContain("\u2028");
    }
}
