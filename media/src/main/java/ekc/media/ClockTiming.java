package ekc.media;

/**
 * How punctual the 20 ms clocks were since start, over all event loops: {@code lateness} — how long after its
 * slot's deadline each wake-up ran (timer and event-loop lateness: I/O handled first, the OS scheduling
 * the thread); {@code work} — how long each wake-up's slots took (sending, then receiving, for the slot's legs).
 * Same 0.1 ms buckets as {@link SendTiming}. An immutable snapshot from {@link MediaServer#clockTiming()}.
 */
public record ClockTiming(SendTiming lateness, SendTiming work, long wakeUps) {

    public ClockTiming minus(ClockTiming earlier) {
        return new ClockTiming(lateness.minus(earlier.lateness), work.minus(earlier.work), wakeUps - earlier.wakeUps);
    }
}
