package ekc.media;

import java.util.Arrays;

/**
 * How evenly EKC paces what it sends: a histogram of how far each interval between two paced frames of a leg
 * (prompts, Yana, DTMF — not relayed audio, which keeps the sender's timing) is from 20 ms, taken when the
 * frame is handed to the kernel. Buckets of 0.1 ms up to 50 ms, the last one for everything beyond.
 * An immutable snapshot from {@link MediaServer#sendTiming()}; {@link #minus} gives a window between two.
 */
public record SendTiming(long[] counts) {

    static final int BUCKETS = 501;
    static final long BUCKET_NANOS = 100_000;

    public SendTiming {
        counts = counts.clone();
    }

    public long intervals() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    /** The deviation from 20 ms below which {@code percent} % of the intervals fall, in ms (bucket upper edge). */
    public double percentileMillis(double percent) {
        long total = intervals();
        if (total == 0) {
            return 0;
        }
        long wanted = (long) Math.ceil(total * percent / 100.0);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= wanted) {
                return (i + 1) * BUCKET_NANOS / 1e6;
            }
        }
        return counts.length * BUCKET_NANOS / 1e6;
    }

    public double maxMillis() {
        for (int i = counts.length - 1; i >= 0; i--) {
            if (counts[i] > 0) {
                return (i + 1) * BUCKET_NANOS / 1e6;
            }
        }
        return 0;
    }

    public SendTiming minus(SendTiming earlier) {
        long[] d = counts.clone();
        for (int i = 0; i < d.length; i++) {
            d[i] -= earlier.counts[i];
        }
        return new SendTiming(d);
    }

    SendTiming plus(long[] more) {
        long[] d = counts.clone();
        for (int i = 0; i < d.length; i++) {
            d[i] += more[i];
        }
        return new SendTiming(d);
    }

    static SendTiming empty() {
        return new SendTiming(new long[BUCKETS]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SendTiming t && Arrays.equals(counts, t.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return String.format("SendTiming[%d intervals, p50 %.1f ms, p99 %.1f ms, max %.1f ms]", intervals(),
                percentileMillis(50), percentileMillis(99), maxMillis());
    }
}
