package ekc.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** R27: eight working hours, counted in the caller's local time, over weekends, holidays and day ends. */
class WorkingCalendarTest {

    static final long H = 3_600_000;
    final WorkingCalendar cal = WorkingCalendar.russian();

    static long local(String dateTime, String zone) {
        return LocalDateTime.parse(dateTime).atZone(ZoneId.of(zone)).toInstant().toEpochMilli();
    }

    static String localOf(long millis, String zone) {
        return Instant.ofEpochMilli(millis).atZone(ZoneId.of(zone)).toLocalDateTime().toString();
    }

    @Test
    void eightHoursFromNineIsFiveTheSameDay_R27() {
        for (String zone : new String[] {"Europe/Kaliningrad", "Europe/Moscow", "Asia/Novosibirsk", "Asia/Kamchatka"}) {
            long due = cal.plusWorking(local("2026-12-01T09:00", zone), 8 * H, zone(zone));
            assertThat(localOf(due, zone)).as(zone).isEqualTo("2026-12-01T17:00");
        }
    }

    @Test
    void theSameInstantHasDifferentDeadlinesAcrossTimeZones_R27() {
        long instant = Instant.parse("2026-12-01T06:00:00Z").toEpochMilli();
        // Kaliningrad 08:00 (before work) → 17:00; Moscow 09:00 → 17:00; Novosibirsk 13:00 → Wed 12:00; Kamchatka 18:00 (day over) → Wed 17:00
        assertThat(localOf(cal.plusWorking(instant, 8 * H, zone("Europe/Kaliningrad")), "Europe/Kaliningrad")).isEqualTo("2026-12-01T17:00");
        assertThat(localOf(cal.plusWorking(instant, 8 * H, zone("Europe/Moscow")), "Europe/Moscow")).isEqualTo("2026-12-01T17:00");
        assertThat(localOf(cal.plusWorking(instant, 8 * H, zone("Asia/Novosibirsk")), "Asia/Novosibirsk")).isEqualTo("2026-12-02T12:00");
        assertThat(localOf(cal.plusWorking(instant, 8 * H, zone("Asia/Kamchatka")), "Asia/Kamchatka")).isEqualTo("2026-12-02T17:00");
    }

    @Test
    void aDayUsedUpExactlyEndsAtTheDaysEndNotTheNextMorning_R27() {
        long due = cal.plusWorking(local("2026-12-01T10:00", "Europe/Moscow"), 8 * H, zone("Europe/Moscow"));
        assertThat(localOf(due, "Europe/Moscow")).isEqualTo("2026-12-01T18:00");
        long oneMore = cal.plusWorking(local("2026-12-01T10:00:00.001", "Europe/Moscow"), 8 * H, zone("Europe/Moscow"));
        assertThat(localOf(oneMore, "Europe/Moscow")).isEqualTo("2026-12-02T09:00:00.001");
    }

    @Test
    void fridayAfternoonCarriesOverTheWeekend_R27() {
        long due = cal.plusWorking(local("2026-12-04T15:00", "Asia/Novosibirsk"), 8 * H, zone("Asia/Novosibirsk"));
        assertThat(localOf(due, "Asia/Novosibirsk")).isEqualTo("2026-12-07T14:00");
    }

    @Test
    void newYearHolidaysDoNotCount_R27() {
        // Wed 2026-12-30 17:00 Kamchatka: one hour that day, Dec 31 and Jan 1–11 off (holidays and weekend), 7 h on Mon Jan 12
        long due = cal.plusWorking(local("2026-12-30T17:00", "Asia/Kamchatka"), 8 * H, zone("Asia/Kamchatka"));
        assertThat(localOf(due, "Asia/Kamchatka")).isEqualTo("2027-01-11T16:00");
    }

    @Test
    void aDecreeWorkingSaturdayCounts_R27() {
        WorkingCalendar withSaturday = new WorkingCalendar(java.time.LocalTime.of(9, 0), java.time.LocalTime.of(18, 0),
                java.util.EnumSet.range(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.FRIDAY), java.util.Set.of(),
                java.util.Set.of(java.time.LocalDate.of(2026, 12, 5)));
        long due = withSaturday.plusWorking(local("2026-12-04T17:00", "Europe/Moscow"), 8 * H, zone("Europe/Moscow"));
        assertThat(localOf(due, "Europe/Moscow")).isEqualTo("2026-12-05T16:00");
    }

    @Test
    void workingTimeBetweenIsTheInverse_R27() {
        ZoneId z = zone("Asia/Kamchatka");
        long from = local("2026-12-03T16:20", "Asia/Kamchatka");
        long due = cal.plusWorking(from, 8 * H, z);
        assertThat(cal.workingBetween(from, due, z)).isEqualTo(8 * H);
        assertThat(cal.workingBetween(due, from, z)).isZero();
    }

    private static ZoneId zone(String id) {
        return ZoneId.of(id);
    }
}
