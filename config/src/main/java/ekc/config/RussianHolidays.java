package ekc.config;

import java.util.List;

/**
 * Non-working weekdays of the Russian production calendar (Labour Code art. 112 and the
 * government's decrees moving days off). 2026 is per the decree for 2026 (January 1–9, and the
 * days moved to February 23, March 9, May 11 and December 31); 2027 follows art. 112 (a holiday
 * on a weekend moves to the next working day) until its decree is published: add its moves in
 * config then. Weekends are non-working anyway and are not listed.
 */
final class RussianHolidays {

    private RussianHolidays() {}

    static final List<String> NON_WORKING_WEEKDAYS = List.of(
            "2026-01-01", "2026-01-02", "2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09",
            "2026-02-23", "2026-03-09", "2026-05-01", "2026-05-11", "2026-06-12", "2026-11-04", "2026-12-31",
            "2027-01-01", "2027-01-04", "2027-01-05", "2027-01-06", "2027-01-07", "2027-01-08",
            "2027-02-23", "2027-03-08", "2027-05-03", "2027-05-10", "2027-06-14", "2027-11-04");
}
