package ekc.app.simulate.report;

/**
 * Counters of one queue (or of the whole run): requests offered, answered, abandoned, waits,
 * SLA breaches, and the operators' busy and staffed time for occupancy. Single-threaded.
 */
public final class QueueStats {

    long calls;
    long answered;
    long abandoned;
    long within20;
    long within60;
    long waitMillis;
    long breaches;
    long busyMillis;
    double staffedMillis;

    public void offered() {
        calls++;
    }

    public void answered(long waitMillis) {
        answered++;
        this.waitMillis += waitMillis;
        if (waitMillis <= 20_000) {
            within20++;
        }
        if (waitMillis <= 60_000) {
            within60++;
        }
    }

    public void abandoned() {
        abandoned++;
    }

    public void breach() {
        breaches++;
    }

    public void busy(long millis) {
        busyMillis += millis;
    }

    public void staffed(double millis) {
        staffedMillis += millis;
    }

    public long calls() {
        return calls;
    }

    public long answeredCalls() {
        return answered;
    }

    public long abandonedCalls() {
        return abandoned;
    }

    public long slaBreaches() {
        return breaches;
    }

    /** Answered within 20 s, over answered + abandoned. */
    public double serviceLevel20() {
        long d = answered + abandoned;
        return d == 0 ? 0 : (double) within20 / d;
    }

    public double serviceLevel60() {
        long d = answered + abandoned;
        return d == 0 ? 0 : (double) within60 / d;
    }

    /** Average speed of answer, seconds, over answered calls. */
    public double asaSeconds() {
        return answered == 0 ? 0 : waitMillis / 1000.0 / answered;
    }

    public double abandonmentRate() {
        long d = answered + abandoned;
        return d == 0 ? 0 : (double) abandoned / d;
    }

    /** Talk plus wrap-up time over logged-in time. */
    public double occupancy() {
        return staffedMillis <= 0 ? 0 : Math.min(1.0, busyMillis / staffedMillis);
    }
}
