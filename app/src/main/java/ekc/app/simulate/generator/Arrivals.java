package ekc.app.simulate.generator;

/**
 * Poisson arrivals whose rate changes by the hour (a non-homogeneous Poisson process with a
 * piecewise-constant rate). Within an hour the gaps are exponential; at an hour's end the next
 * hour's rate takes over, which memorylessness makes exact. Single-threaded.
 */
public final class Arrivals {

    private static final long HOUR = 3_600_000L;

    private final double[] perHour;
    private final long end;
    private final Draw draw;
    private long t;

    /**
     * @param perHour calls per hour for hour 0, 1, … of the run (repeats if the run is longer)
     * @param endMillis no arrivals at or after this offset from the start
     */
    public Arrivals(double[] perHour, long endMillis, Draw draw) {
        this.perHour = perHour.clone();
        this.end = endMillis;
        this.draw = draw;
    }

    /** The next arrival's offset from the start in millis, or -1 when the run is over. */
    public long next() {
        while (t < end) {
            int hour = (int) (t / HOUR);
            double rate = perHour[hour % perHour.length];
            long hourEnd = Math.min((hour + 1) * HOUR, end);
            if (rate <= 0) {
                t = hourEnd;
                continue;
            }
            long gap = draw.exponentialMillis(3600.0 / rate);
            if (t + gap < hourEnd) {
                t += gap;
                return t;
            }
            t = hourEnd; // memoryless: start afresh at the new rate
        }
        return -1;
    }
}
