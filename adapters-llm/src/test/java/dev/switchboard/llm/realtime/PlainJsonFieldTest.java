package dev.switchboard.llm.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainJsonFieldTest {
    private static final String MEDIA = "{\"event\":\"media\",\"sequenceNumber\":\"3\",\"media\":{\"track\":\"inbound\",\"chunk\":\"2\","
            + "\"timestamp\":\"5\",\"payload\":\"no+JhoaJjpz/\"},\"streamSid\":\"MZ18ad3ab5a668481ce02b83e7395059f0\"}";

    @Test
    void reads_the_fields_of_a_twilio_media_frame() {
        assertThat(PlainJsonField.of(MEDIA, "event")).isEqualTo("media");
        assertThat(PlainJsonField.of(MEDIA, "payload")).isEqualTo("no+JhoaJjpz/");
        assertThat(PlainJsonField.of(MEDIA, "timestamp")).isEqualTo("5");
        assertThat(PlainJsonField.of(MEDIA, "streamSid")).isEqualTo("MZ18ad3ab5a668481ce02b83e7395059f0");
    }

    @Test
    void whitespace_around_the_colon_is_allowed() {
        assertThat(PlainJsonField.of("{ \"event\" :\n \"media\" }", "event")).isEqualTo("media");
    }

    @Test
    void a_name_that_is_only_a_value_or_part_of_another_name_is_not_the_field() {
        assertThat(PlainJsonField.of("{\"kind\":\"event\",\"my_event\":\"x\",\"event\":\"stop\"}", "event")).isEqualTo("stop");
        assertThat(PlainJsonField.of("{\"note\":\"say \\\"event\\\": \\\"media\\\"\",\"event\":\"mark\"}", "event")).isEqualTo("mark");
    }

    @Test
    void anything_the_quick_look_cannot_read_is_left_to_the_parser() {
        assertThat(PlainJsonField.of("{\"payload\":\"ab\\/cd\"}", "payload")).isNull();
        assertThat(PlainJsonField.of("{\"timestamp\":5}", "timestamp")).isNull();
        assertThat(PlainJsonField.of("{\"event\":\"media\"}", "payload")).isNull();
        assertThat(PlainJsonField.of("{\"payload\":\"unterminated", "payload")).isNull();
    }
}
