package dev.switchboard.domain.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SmsStatusTest {
    @Test
    void twilios_statuses_read_as_ours() {
        var read = new ArrayList<Optional<SmsStatus>>();
        for (var wire : List.of("queued", "accepted", "scheduled", "sending", "sent", "delivered", "read", "undelivered", "failed",
                "canceled", "received", "receiving", " SENT ", "lost", ""))
            read.add(SmsStatus.parse(wire));
        assertThat(read).containsExactly(Optional.of(SmsStatus.QUEUED), Optional.of(SmsStatus.QUEUED), Optional.of(SmsStatus.QUEUED),
                Optional.of(SmsStatus.SENDING), Optional.of(SmsStatus.SENT), Optional.of(SmsStatus.DELIVERED),
                Optional.of(SmsStatus.DELIVERED), Optional.of(SmsStatus.UNDELIVERED), Optional.of(SmsStatus.FAILED),
                Optional.of(SmsStatus.CANCELED), Optional.of(SmsStatus.RECEIVED), Optional.of(SmsStatus.RECEIVED),
                Optional.of(SmsStatus.SENT), Optional.empty(), Optional.empty());
    }

    @Test
    void any_order_and_any_repetition_of_the_same_reports_ends_in_the_same_status() {
        var random = new Random(11L);
        for (var reports : List.of(List.of("queued", "sending", "sent", "delivered"), List.of("queued", "sent", "undelivered"),
                List.of("sending", "failed", "sent"))) {
            var ends = new java.util.HashSet<SmsStatus>();
            for (int round = 0; round < 50; round++) {
                var shuffled = new ArrayList<String>(reports);
                shuffled.addAll(reports.subList(0, random.nextInt(reports.size())));
                Collections.shuffle(shuffled, random);
                var status = SmsStatus.QUEUED;
                for (var report : shuffled) {
                    var next = SmsStatus.parse(report).orElseThrow();
                    if (status.canMoveTo(next)) status = next;
                }
                ends.add(status);
            }
            assertThat(ends).as(reports.toString()).hasSize(1);
        }
    }

    @Test
    void a_final_status_is_never_replaced_and_nothing_moves_back() {
        assertThat(SmsStatus.DELIVERED.canMoveTo(SmsStatus.FAILED)).isFalse();
        assertThat(SmsStatus.FAILED.canMoveTo(SmsStatus.DELIVERED)).isFalse();
        assertThat(SmsStatus.SENT.canMoveTo(SmsStatus.SENDING)).isFalse();
        assertThat(SmsStatus.SENT.canMoveTo(SmsStatus.SENT)).isFalse();
        assertThat(SmsStatus.QUEUED.canMoveTo(SmsStatus.FAILED)).isTrue();
        assertThat(SmsStatus.SENDING.canMoveTo(SmsStatus.UNDELIVERED)).isTrue();
    }
}
