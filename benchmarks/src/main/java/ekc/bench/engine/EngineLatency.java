package ekc.bench.engine;

import ekc.engine.EngineRing;
import ekc.engine.Input;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Publish → decision latency through the real {@link EngineRing} (multi-producer Disruptor, the
 * engine on its consumer thread): a producer publishes the {@link Workload} script at a fixed rate,
 * and the time from each input's intended send time to the end of the engine's handling of it goes
 * into an HdrHistogram (intended, not actual, send time: no coordinated omission).
 *
 * <p>{@code java -cp … ekc.bench.engine.EngineLatency [eventsPerSecond] [seconds]} (defaults 500000, 10).
 */
public final class EngineLatency {

    private EngineLatency() {}

    public static void main(String[] args) throws InterruptedException {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Workload w = new Workload(200_000, 11);
        long total = (long) rate * seconds;
        long warmup = Math.min(total / 5, 1_000_000);
        long[] intended = new long[1 << 20];
        int mask = intended.length - 1;
        Histogram histogram = new Histogram(3_600_000_000L, 3);
        CountDownLatch done = new CountDownLatch(1);
        Driver[] holder = new Driver[1];
        // the ring calls the driver's engine; each input is the script's next one, resolved on the engine thread
        EngineRing.Handler handler = new EngineRing.Handler() {
            long seen;

            @Override
            public void onInput(long time, Input input) {
                holder[0].step();
                long end = System.nanoTime();
                long n = seen++;
                if (n >= warmup) {
                    histogram.recordValue(Math.max(0, end - intended[(int) (n & mask)]));
                }
                if (seen == total) {
                    done.countDown();
                }
            }
        };
        holder[0] = new Driver(w);
        try (EngineRing ring = new EngineRing(1 << 16, System::currentTimeMillis, handler)) {
            long period = 1_000_000_000L / rate;
            long start = System.nanoTime() + 100_000_000L;
            for (long i = 0; i < total; i++) {
                long at = start + i * period;
                while (System.nanoTime() < at) {
                    Thread.onSpinWait();
                }
                intended[(int) (i & mask)] = at;
                ring.publish(Input.Tick.INSTANCE); // a slot that makes the engine take its next scripted input
            }
            done.await();
        }
        System.out.printf(Locale.ROOT, "rate %,d events/s for %d s, %,d measured: p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, p99.99 %.1f µs, max %.1f µs%n",
                rate, seconds, histogram.getTotalCount(), histogram.getValueAtPercentile(50) / 1e3,
                histogram.getValueAtPercentile(99) / 1e3, histogram.getValueAtPercentile(99.9) / 1e3,
                histogram.getValueAtPercentile(99.99) / 1e3, histogram.getMaxValue() / 1e3);
        LockSupport.parkNanos(1);
    }
}
