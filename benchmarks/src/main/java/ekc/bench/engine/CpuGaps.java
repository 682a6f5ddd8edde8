package ekc.bench.engine;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * How long a spinning thread loses its CPU without being switched out: it reads {@link System#nanoTime()} in a
 * loop for a while and records every gap between two reads over {@code thresholdNanos}. Run pinned to a CPU
 * ({@code taskset -c 1 java …}) with {@code perf record -e sched:sched_switch -C 1} beside it: gaps the trace
 * shows no switch for are interrupts, or the hypervisor running something else on this virtual CPU (this VM
 * reports no steal time). That is the floor under any engine latency on the CPU.
 *
 * <p>{@code java -cp … ekc.bench.engine.CpuGaps [seconds] [thresholdNanos]} (defaults 5, 10000).
 */
public final class CpuGaps {

    private CpuGaps() {}

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long threshold = args.length > 1 ? Long.parseLong(args[1]) : 10_000;
        Histogram gaps = new Histogram(60_000_000_000L, 3);
        long warmEnd = System.nanoTime() + 1_000_000_000L; // compiled before it counts
        long end = warmEnd + seconds * 1_000_000_000L;
        long last = System.nanoTime();
        long lost = 0;
        while (last < end) {
            long now = System.nanoTime();
            long gap = now - last;
            if (gap > threshold && now > warmEnd) {
                gaps.recordValue(gap);
                lost += gap;
            }
            last = now;
        }
        System.out.printf(Locale.ROOT, "%d s spinning: %,d gaps over %.0f µs, %.2f ms lost in them; p50 %.1f µs, p99 %.1f µs, max %.1f µs%n",
                seconds, gaps.getTotalCount(), threshold / 1e3, lost / 1e6, gaps.getValueAtPercentile(50) / 1e3,
                gaps.getValueAtPercentile(99) / 1e3, gaps.getMaxValue() / 1e3);
        for (long over : new long[] {20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000}) {
            long n = 0;
            for (var v : gaps.recordedValues()) {
                n += v.getValueIteratedTo() > over ? v.getCountAtValueIteratedTo() : 0;
            }
            System.out.printf(Locale.ROOT, "  over %4.0f µs: %,d%n", over / 1e3, n);
        }
    }
}
