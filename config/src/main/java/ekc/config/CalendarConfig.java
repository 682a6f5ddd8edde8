package ekc.config;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Working time for R27 (deferred requests answered within N working hours in the caller's local
 * time): the working day, the working weekdays, public holidays (non-working weekdays, including
 * days moved by government decree) and weekend days that are working days by such a decree.
 */
public record CalendarConfig(String workdayStart, String workdayEnd, List<String> workdays,
                             List<String> holidays, List<String> workingWeekends) {

    public CalendarConfig {
        workdayStart = workdayStart != null ? workdayStart : "09:00";
        workdayEnd = workdayEnd != null ? workdayEnd : "18:00";
        workdays = workdays != null ? List.copyOf(workdays) : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");
        holidays = holidays != null ? List.copyOf(holidays) : RussianHolidays.NON_WORKING_WEEKDAYS;
        workingWeekends = workingWeekends != null ? List.copyOf(workingWeekends) : List.of();
        if (!time("workdayStart", workdayStart).isBefore(time("workdayEnd", workdayEnd))) {
            throw new IllegalArgumentException("workdayStart " + workdayStart + " must be before workdayEnd " + workdayEnd);
        }
        days(workdays);
        dates("holidays", holidays);
        dates("workingWeekends", workingWeekends);
    }

    public LocalTime start() {
        return LocalTime.parse(workdayStart);
    }

    public LocalTime end() {
        return LocalTime.parse(workdayEnd);
    }

    public List<DayOfWeek> workdayList() {
        return days(workdays);
    }

    public List<LocalDate> holidayDates() {
        return dates("holidays", holidays);
    }

    public List<LocalDate> workingWeekendDates() {
        return dates("workingWeekends", workingWeekends);
    }

    private static LocalTime time(String field, String s) {
        try {
            return LocalTime.parse(s);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(field + " must be a time like 09:00, not '" + s + "'");
        }
    }

    private static List<DayOfWeek> days(List<String> names) {
        List<DayOfWeek> out = new ArrayList<>();
        for (String n : names) {
            DayOfWeek found = null;
            for (DayOfWeek d : DayOfWeek.values()) {
                if (d.name().equalsIgnoreCase(n) || d.name().substring(0, 3).equalsIgnoreCase(n)) {
                    found = d;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("workdays: not a day of the week: '" + n + "' (MON..SUN or MONDAY..SUNDAY)");
            }
            out.add(found);
        }
        return out;
    }

    private static List<LocalDate> dates(String field, List<String> list) {
        List<LocalDate> out = new ArrayList<>();
        for (String s : list) {
            try {
                out.add(LocalDate.parse(s.strip().toUpperCase(Locale.ROOT)));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(field + ": not a date (YYYY-MM-DD): '" + s + "'");
            }
        }
        return out;
    }
}
