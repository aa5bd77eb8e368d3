package dev.switchboard.domain.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AvailabilityRulesTest {
    private static AvailabilityRules rules(Map<DayOfWeek, List<OpeningInterval>> hours, Duration defaultLength,
                                           Map<String, Duration> services, Duration granularity) {
        return new AvailabilityRules(hours, defaultLength, services, granularity, new TreeSet<>());
    }

    @Test
    void intervals_are_sorted_services_normalised_and_described() {
        var salon = AvailabilityFixtures.salon();
        assertThat(salon.openingHours().get(DayOfWeek.TUESDAY))
                .containsExactly(OpeningInterval.parse("09:00-12:00"), OpeningInterval.parse("14:00-19:00"));
        assertThat(salon.serviceDurations()).containsOnlyKeys("coloring", "haircut");
        assertThat(salon.durationOf("  COLORING ")).isEqualTo(Duration.ofMinutes(90));
        assertThat(salon.durationOf("massage")).isEqualTo(Duration.ofMinutes(45));
        assertThat(salon.durationOf(null)).isEqualTo(Duration.ofMinutes(45));
        assertThat(salon.openOn(AvailabilityFixtures.MONDAY)).isEmpty();
        assertThat(salon.openOn(AvailabilityFixtures.CLOSED_SATURDAY)).isEmpty();
        assertThat(salon.describe()).isEqualTo("Tuesday 09:00-12:00, 14:00-19:00; Wednesday 09:00-12:00, 14:00-19:00; "
                + "Thursday 09:00-12:00, 14:00-19:00; Friday 09:00-12:00, 14:00-19:00; Saturday 09:00-12:00, 14:00-19:00");
    }

    @Test
    void a_slot_fits_only_inside_one_interval() {
        var salon = AvailabilityFixtures.salon();
        var tuesday = AvailabilityFixtures.TUESDAY;
        assertThat(salon.fits(new Slot(tuesday, LocalTime.of(11, 30), LocalTime.of(12, 0)))).isTrue();
        assertThat(salon.fits(new Slot(tuesday, LocalTime.of(11, 30), LocalTime.of(12, 30)))).isFalse();
        assertThat(salon.fits(new Slot(tuesday, LocalTime.of(8, 45), LocalTime.of(9, 15)))).isFalse();
        assertThat(salon.fits(new Slot(LocalDate.of(2026, 3, 2), LocalTime.of(10, 0), LocalTime.of(10, 30)))).isFalse();
    }

    @Test
    void refuses_inconsistent_rules() {
        var ok = Duration.ofMinutes(30);
        var tuesday = Map.of(DayOfWeek.TUESDAY, List.of(OpeningInterval.parse("09:00-12:00"), OpeningInterval.parse("11:00-13:00")));
        assertThatThrownBy(() -> rules(tuesday, ok, Map.of(), ok)).hasMessageContaining("overlap on Tuesday");
        assertThatThrownBy(() -> OpeningInterval.parse("12:00-09:00")).hasMessageContaining("close after they open");
        assertThatThrownBy(() -> OpeningInterval.parse("9h-12h")).hasMessageContaining("HH:mm-HH:mm");
        assertThatThrownBy(() -> rules(Map.of(), Duration.ZERO, Map.of(), ok)).hasMessageContaining("default duration");
        assertThatThrownBy(() -> rules(Map.of(), Duration.ofSeconds(90), Map.of(), ok)).hasMessageContaining("whole minutes");
        assertThatThrownBy(() -> rules(Map.of(), ok, Map.of("haircut", Duration.ofHours(13)), ok)).hasMessageContaining("duration of haircut");
        assertThatThrownBy(() -> rules(Map.of(), ok, Map.of("Cut", ok, "cut ", ok), ok)).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> rules(Map.of(), ok, Map.of(" ", ok), ok)).hasMessageContaining("needs a name");
        assertThatThrownBy(() -> rules(Map.of(), ok, Map.of(), Duration.ofMinutes(3))).hasMessageContaining("granularity");
    }

    @Test
    void slots_stay_within_one_day() {
        assertThat(Slot.of(AvailabilityFixtures.TUESDAY, LocalTime.of(23, 0), Duration.ofMinutes(90))).isEmpty();
        assertThat(Slot.of(AvailabilityFixtures.TUESDAY, LocalTime.of(9, 0), Duration.ofMinutes(90)))
                .contains(new Slot(AvailabilityFixtures.TUESDAY, LocalTime.of(9, 0), LocalTime.of(10, 30)));
        assertThat(new Slot(AvailabilityFixtures.TUESDAY, LocalTime.of(23, 0), LocalTime.MAX).label()).isEqualTo("2026-03-03 23:00-24:00");
    }
}
