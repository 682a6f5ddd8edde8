package ekc.engine;

import ekc.config.CalendarConfig;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * Working time for R27: a working day (e.g. 09:00–18:00) on working weekdays, minus public holidays,
 * plus weekend days a decree makes working, all read in a caller's local time zone. Immutable;
 * any thread.
 */
public final class WorkingCalendar {

    private static final int MAX_DAYS = 3700; // ten years without a working day is a broken calendar

    private final LocalTime start;
    private final LocalTime end;
    private final Set<DayOfWeek> workdays;
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> workingWeekends;

    public WorkingCalendar(LocalTime start, LocalTime end, Set<DayOfWeek> workdays, Set<LocalDate> holidays,
                           Set<LocalDate> workingWeekends) {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("the working day must start before it ends: " + start + "–" + end);
        }
        this.start = start;
        this.end = end;
        this.workdays = workdays.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(workdays);
        this.holidays = Set.copyOf(holidays);
        this.workingWeekends = Set.copyOf(workingWeekends);
    }

    public static WorkingCalendar of(CalendarConfig c) {
        return new WorkingCalendar(c.start(), c.end(), new HashSet<>(c.workdayList()), new HashSet<>(c.holidayDates()),
                new HashSet<>(c.workingWeekendDates()));
    }

    public boolean isWorkingDay(LocalDate day) {
        if (holidays.contains(day)) {
            return false;
        }
        return workingWeekends.contains(day) || workdays.contains(day.getDayOfWeek());
    }

    /**
     * The instant that lies {@code workMillis} of working time after {@code fromMillis}, reading the
     * calendar in {@code zone}. Time outside working hours does not count; a deadline that uses up a
     * day exactly ends at the day's end, not the next morning.
     */
    public long plusWorking(long fromMillis, long workMillis, ZoneId zone) {
        ZonedDateTime t = Instant.ofEpochMilli(fromMillis).atZone(zone);
        LocalDate day = t.toLocalDate();
        LocalTime at = t.toLocalTime();
        long remaining = workMillis;
        for (int i = 0; i < MAX_DAYS; i++) {
            if (isWorkingDay(day) && at.isBefore(end)) {
                LocalTime from = at.isAfter(start) ? at : start;
                long available = Duration.between(from, end).toMillis();
                if (remaining <= available) {
                    return ZonedDateTime.of(day, from, zone).toInstant().toEpochMilli() + remaining;
                }
                remaining -= available;
            }
            day = day.plusDays(1);
            at = LocalTime.MIDNIGHT;
        }
        throw new IllegalStateException("no working time in " + MAX_DAYS + " days: check the calendar");
    }

    /** Working time between two instants in {@code zone}, in millis (0 when {@code to} is not after {@code from}). */
    public long workingBetween(long fromMillis, long toMillis, ZoneId zone) {
        if (toMillis <= fromMillis) {
            return 0;
        }
        ZonedDateTime t = Instant.ofEpochMilli(fromMillis).atZone(zone);
        LocalDate day = t.toLocalDate();
        LocalDate last = Instant.ofEpochMilli(toMillis).atZone(zone).toLocalDate();
        long sum = 0;
        for (int i = 0; i < MAX_DAYS && !day.isAfter(last); i++, day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            long s = Math.max(fromMillis, ZonedDateTime.of(day, start, zone).toInstant().toEpochMilli());
            long e = Math.min(toMillis, ZonedDateTime.of(day, end, zone).toInstant().toEpochMilli());
            if (e > s) {
                sum += e - s;
            }
        }
        return sum;
    }

    /** The default calendar (Mon–Fri 09:00–18:00, Russian holidays) as config defines it. */
    public static WorkingCalendar russian() {
        return of(new CalendarConfig(null, null, null, null, null));
    }
}
