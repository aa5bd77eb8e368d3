package dev.switchboard.domain.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CallingHoursTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static java.time.Instant paris(int day, int hour, int minute) {
        return ZonedDateTime.of(2026, 12, day, hour, minute, 0, 0, PARIS).toInstant();
    }

    @Test
    void a_day_window_opens_today_or_tomorrow_in_the_tenants_zone() {
        var hours = new CallingHours(LocalTime.of(9, 0), LocalTime.of(18, 0));
        assertThat(hours.allows(paris(3, 9, 0), PARIS)).isTrue();
        assertThat(hours.allows(paris(3, 18, 0), PARIS)).isFalse();
        assertThat(hours.nextOpening(paris(3, 7, 30), PARIS)).isEqualTo(paris(3, 9, 0));
        assertThat(hours.nextOpening(paris(3, 20, 30), PARIS)).isEqualTo(paris(4, 9, 0));
        assertThat(hours.nextOpening(paris(3, 12, 0), PARIS)).isEqualTo(paris(3, 12, 0));
    }

    @Test
    void a_window_across_midnight_and_an_all_day_one() {
        var night = new CallingHours(LocalTime.of(22, 0), LocalTime.of(2, 0));
        assertThat(night.allows(paris(3, 23, 0), PARIS)).isTrue();
        assertThat(night.allows(paris(3, 1, 59), PARIS)).isTrue();
        assertThat(night.nextOpening(paris(3, 12, 0), PARIS)).isEqualTo(paris(3, 22, 0));
        assertThat(CallingHours.ALWAYS.allows(paris(3, 3, 0), PARIS)).isTrue();
    }
}
