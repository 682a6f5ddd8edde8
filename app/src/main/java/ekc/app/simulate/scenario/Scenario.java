package ekc.app.simulate.scenario;

import ekc.app.simulate.generator.Shift;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A whole contact centre for {@code ekc simulate --scenario FILE}. Missing fields take the defaults
 * below; {@link ScenarioLoader} reads YAML and names the field of any error.
 *
 * @param name            shown in the report
 * @param date            the simulated day (its working calendar does not matter to the queues)
 * @param zone            the time zone the day's hours are counted in
 * @param hours           length of the arrival period
 * @param calls           calls over the whole period, shaped by {@code profile}; or use {@code arrivalsPerHour}
 * @param arrivalsPerHour a flat rate, when {@code calls} is not given
 * @param profile         relative arrival weights for hour 0, 1, … (24 values for a day)
 * @param robot           what Yana does with a call
 * @param topics          share of requests per participant (SFR, ROSTRUD, MSE, OSZN)
 * @param patienceSeconds mean of the callers' exponential patience in a queue; null: they never give up
 * @param answerSeconds   mean time an operator takes to pick up a ringing call (exponential)
 * @param wrapUpSeconds   post-processing after each call (fixed)
 * @param transferShare   share of first-line calls the operator transfers to the second line (R17)
 * @param aht             mean handling (talk) time by line, exponential
 * @param groups          operator groups; a {@code perRegion} group is repeated for every region,
 *                        {@code {region}} in its skills replaced by the region's name
 * @param warmupSeconds   calls arriving earlier are served but not counted
 */
public record Scenario(String name, String date, String zone, Double hours, Double calls, Double arrivalsPerHour,
                       List<Double> profile, Robot robot, Map<String, Double> topics, Double patienceSeconds,
                       Double answerSeconds, Double wrapUpSeconds, Double transferShare, Aht aht, List<Group> groups,
                       Double warmupSeconds) {

    /** Yana's part: mean dialog time, and shares of calls she answers and sends to the second line (the rest: first line). */
    public record Robot(Double meanSeconds, Double answered, Double secondLine) {
        public Robot {
            meanSeconds = nonNegative("robot.meanSeconds", meanSeconds, 45.0);
            answered = share("robot.answered", answered, 0.4);
            secondLine = share("robot.secondLine", secondLine, 0.2);
            if (answered + secondLine > 1.0 + 1e-9) {
                throw new IllegalArgumentException("robot.answered + robot.secondLine must not exceed 1");
            }
        }
    }

    /** Mean talk time on each line, seconds. */
    public record Aht(Double first, Double second) {
        public Aht {
            first = positive("aht.first", first, 240.0);
            second = positive("aht.second", second, 420.0);
        }
    }

    /** Operators with the same skills and shifts. */
    public record Group(String name, List<String> skills, Boolean perRegion, Integer agents, List<Shift> shifts,
                        Integer proficiency) {
        public Group {
            name = name != null ? name : "operators";
            if (skills == null || skills.isEmpty()) {
                throw new IllegalArgumentException("group '" + name + "' needs skills");
            }
            skills = List.copyOf(skills);
            perRegion = perRegion != null ? perRegion : Boolean.FALSE;
            agents = agents != null ? agents : 1;
            if (agents < 0) {
                throw new IllegalArgumentException("group '" + name + "': agents must not be negative");
            }
            shifts = shifts != null && !shifts.isEmpty() ? List.copyOf(shifts) : List.of(new Shift(0, 1e6, 1.0));
            proficiency = proficiency != null ? proficiency : 5;
        }
    }

    public Scenario {
        name = name != null ? name : "scenario";
        date = date != null ? date : "2026-12-01";
        zone = zone != null ? zone : "Europe/Moscow";
        try {
            LocalDate.parse(date);
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("date/zone: " + e.getMessage());
        }
        hours = positive("hours", hours, 24.0);
        if (calls == null && arrivalsPerHour == null) {
            throw new IllegalArgumentException("give calls (per run) or arrivalsPerHour");
        }
        if (calls != null && calls < 0 || arrivalsPerHour != null && arrivalsPerHour < 0) {
            throw new IllegalArgumentException("calls and arrivalsPerHour must not be negative");
        }
        profile = profile != null && !profile.isEmpty() ? List.copyOf(profile) : List.of(1.0);
        for (Double w : profile) {
            if (w == null || w < 0) {
                throw new IllegalArgumentException("profile weights must be numbers ≥ 0");
            }
        }
        robot = robot != null ? robot : new Robot(null, null, null);
        topics = topics != null && !topics.isEmpty() ? Map.copyOf(topics) : Map.of("SFR", 1.0);
        if (patienceSeconds != null && patienceSeconds <= 0) {
            throw new IllegalArgumentException("patienceSeconds must be positive (leave it out for callers who never give up)");
        }
        answerSeconds = nonNegative("answerSeconds", answerSeconds, 3.0);
        wrapUpSeconds = nonNegative("wrapUpSeconds", wrapUpSeconds, 15.0);
        transferShare = share("transferShare", transferShare, 0.0);
        aht = aht != null ? aht : new Aht(null, null);
        if (groups == null || groups.isEmpty()) {
            throw new IllegalArgumentException("groups: at least one operator group is needed");
        }
        groups = List.copyOf(groups);
        warmupSeconds = nonNegative("warmupSeconds", warmupSeconds, 0.0);
    }

    /**
     * The one-queue model of the command-line options: every call goes straight to {@code СФР-1 линия}
     * (the robot takes no time and answers nothing), operators pick up at once and need no wrap-up,
     * so the queue is M/M/c (+M with patience).
     */
    public static Scenario singleQueue(int agents, double arrivalsPerHour, double ahtSeconds, Double patienceSeconds,
                                       double hours) {
        return new Scenario("one queue", null, null, hours, null, arrivalsPerHour, null, new Robot(0.0, 0.0, 0.0),
                Map.of("SFR", 1.0), patienceSeconds, 0.0, 0.0, 0.0, new Aht(ahtSeconds, ahtSeconds),
                List.of(new Group("СФР first line", List.of("СФР-1 линия"), false, agents, null, 5)), 0.0);
    }

    public Scenario withCalls(double total) {
        return new Scenario(name, date, zone, hours, total, null, profile, robot, topics, patienceSeconds, answerSeconds,
                wrapUpSeconds, transferShare, aht, groups, warmupSeconds);
    }

    public Scenario withWarmup(double seconds) {
        return new Scenario(name, date, zone, hours, calls, arrivalsPerHour, profile, robot, topics, patienceSeconds,
                answerSeconds, wrapUpSeconds, transferShare, aht, groups, seconds);
    }

    /** Calls per hour for each hour of the run. */
    public double[] perHour() {
        int n = (int) Math.ceil(hours);
        double[] rate = new double[n];
        if (calls == null) {
            java.util.Arrays.fill(rate, arrivalsPerHour);
            return rate;
        }
        double sum = 0;
        for (int h = 0; h < n; h++) {
            double w = profile.get(h % profile.size()) * Math.min(1.0, hours - h);
            sum += w;
        }
        for (int h = 0; h < n; h++) {
            rate[h] = sum == 0 ? 0 : calls * profile.get(h % profile.size()) / sum;
        }
        return rate;
    }

    private static Double positive(String field, Double v, double fallback) {
        double x = v != null ? v : fallback;
        if (!(x > 0)) {
            throw new IllegalArgumentException(field + " must be positive, not " + v);
        }
        return x;
    }

    private static Double nonNegative(String field, Double v, double fallback) {
        double x = v != null ? v : fallback;
        if (!(x >= 0)) {
            throw new IllegalArgumentException(field + " must not be negative, not " + v);
        }
        return x;
    }

    private static Double share(String field, Double v, double fallback) {
        double x = v != null ? v : fallback;
        if (!(x >= 0 && x <= 1)) {
            throw new IllegalArgumentException(field + " must be a share 0..1, not " + v);
        }
        return x;
    }
}
