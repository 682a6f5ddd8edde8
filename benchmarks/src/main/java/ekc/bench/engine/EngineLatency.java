package ekc.bench.engine;

import ekc.engine.EngineRing;
import ekc.engine.Input;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Publish → decision latency through the real {@link EngineRing} (multi-producer Disruptor, the
 * engine on its consumer thread): a producer publishes the {@link Workload} script at a fixed rate,
 * and the time from each input's intended send time to the end of the engine's handling of it goes
 * into an HdrHistogram (intended, not actual, send time: no coordinated omission).
 *
 * <p>Two more histograms say where a slow event lost its time: actual publish → decision (the ring
 * and the engine), and intended → actual publish (the producer itself running late, e.g. not
 * scheduled). Stalls (runs of events over 1 ms) are listed with when they started, and GC counts
 * and times over the measured part are printed, so a tail can be matched to its cause.
 *
 * <p>The first {@code warmupSeconds} are not measured, so the JIT has compiled the engine's hot paths
 * (on 2 cores the compiler threads take a core's share from the producer or the engine while they
 * work); the compile time spent while measuring is printed, and for each thread of the JVM that was
 * preempted while measuring, from Linux's {@code /proc/self/task/*}: CPU time, time spent runnable
 * but waiting for a core (schedstat run delay) and involuntary context switches.
 *
 * <p>Before the ring starts, the main thread can run the engine alone for {@code prewarmSteps} inputs
 * (default 0), so that the JIT compiles its hot paths while a core is free for the compiler; on 2
 * cores the compiler otherwise fights the spinning producer and the engine through the warm-up.
 *
 * <p>{@code java -cp … ekc.bench.engine.EngineLatency [eventsPerSecond] [seconds] [wait] [warmupSeconds] [prewarmSteps]}
 * (defaults 500000, 10, blocking, 3, 0; wait is an {@code engine.waitStrategy} spelling).
 */
public final class EngineLatency {

    private static final long STALL_NANOS = 1_000_000;
    private static final int STALLS_SHOWN = 12;

    private EngineLatency() {}

    public static void main(String[] args) throws InterruptedException {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        EngineRing.Wait wait = args.length > 2 ? EngineRing.Wait.of(args[2]) : EngineRing.Wait.BLOCKING;
        int warmupSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        long prewarmSteps = args.length > 4 ? Long.parseLong(args[4]) : 0;
        Workload w = new Workload(200_000, 11);
        long warmup = (long) rate * warmupSeconds;
        long total = warmup + (long) rate * seconds;
        long[] intended = new long[1 << 20];
        long[] published = new long[1 << 20];
        int mask = intended.length - 1;
        Histogram fromIntended = new Histogram(60_000_000_000L, 3);
        Histogram fromPublish = new Histogram(60_000_000_000L, 3);
        Histogram producerLate = new Histogram(60_000_000_000L, 3);
        long[] stallStart = new long[STALLS_SHOWN];
        long[] stallPeak = new long[STALLS_SHOWN];
        long[] stallCount = new long[1];
        long[] gcBefore = new long[3];
        CountDownLatch done = new CountDownLatch(1);
        Driver driver = new Driver(w);
        long prewarmStart = System.nanoTime();
        for (long i = 0; i < prewarmSteps; i++) {
            driver.step(); // the engine alone on this thread: the JIT compiles with a core to itself
        }
        double prewarmSeconds = (System.nanoTime() - prewarmStart) / 1e9;
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime() + 200_000_000L;
        // the ring calls the driver's engine; each input is the script's next one, resolved on the engine thread
        EngineRing.Handler handler = new EngineRing.Handler() {
            long seen;
            boolean inStall;

            @Override
            public void onInput(long time, Input input) {
                driver.step();
                long end = System.nanoTime();
                long n = seen++;
                // Recorded from the first event, so the recording code is compiled before the measured part;
                // at its start the figures are cleared (it used to run cold there, and the JIT compiled it while measuring).
                if (n == warmup) {
                    fromIntended.reset();
                    fromPublish.reset();
                    producerLate.reset();
                    java.util.Arrays.fill(stallPeak, 0);
                    stallCount[0] = 0;
                    inStall = false;
                    gcBefore[0] = gcCount();
                    gcBefore[1] = gcMillis();
                    gcBefore[2] = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
                }
                int i = (int) (n & mask);
                long latency = Math.max(0, end - intended[i]);
                fromIntended.recordValue(latency);
                fromPublish.recordValue(Math.max(0, end - published[i]));
                producerLate.recordValue(Math.max(0, published[i] - intended[i]));
                if (latency > STALL_NANOS) {
                    if (!inStall) {
                        inStall = true;
                        int k = (int) stallCount[0]++;
                        if (k < STALLS_SHOWN) {
                            stallStart[k] = intended[i] - start;
                        }
                    }
                    int k = (int) stallCount[0] - 1;
                    if (k < STALLS_SHOWN && latency > stallPeak[k]) {
                        stallPeak[k] = latency;
                    }
                } else {
                    inStall = false;
                }
                if (seen == total) {
                    done.countDown();
                }
            }
        };
        // The management beans' first use loads classes and starts JMX (tens of ms): done here, not on
        // the engine thread at the start of the measured part.
        gcBefore[0] = gcCount();
        gcBefore[1] = gcMillis();
        gcBefore[2] = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        sched();
        Map<String, long[]> schedBefore = new TreeMap<>();
        Thread snapshot = new Thread(() -> {
            LockSupport.parkNanos(Math.max(0, start + warmupSeconds * 1_000_000_000L - System.nanoTime()));
            schedBefore.putAll(sched());
        }, "sched-snapshot");
        snapshot.setDaemon(true);
        snapshot.start();
        long gcAfter;
        long gcMillisAfter;
        long compileAfter;
        Map<String, long[]> schedAfter;
        try (EngineRing ring = new EngineRing(1 << 16, System::currentTimeMillis, handler, wait)) {
            for (long i = 0; i < total; i++) {
                long at = start + i * period;
                long t;
                while ((t = System.nanoTime()) < at) {
                    Thread.onSpinWait();
                }
                intended[(int) (i & mask)] = at;
                published[(int) (i & mask)] = t;
                ring.publish(Input.Tick.INSTANCE); // a slot that makes the engine take its next scripted input
            }
            done.await();
            gcAfter = gcCount();
            gcMillisAfter = gcMillis();
            compileAfter = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            snapshot.join();
            schedAfter = sched(); // while the engine thread still exists
        }
        System.out.printf(Locale.ROOT, "rate %,d events/s for %d s after %d s of warm-up (and %,d steps alone in %.1f s), wait %s, %,d measured%n",
                rate, seconds, warmupSeconds, prewarmSteps, prewarmSeconds, wait.name().toLowerCase(Locale.ROOT), fromIntended.getTotalCount());
        print("intended send → decision", fromIntended);
        print("actual publish → decision", fromPublish);
        print("producer late (intended → publish)", producerLate);
        System.out.printf(Locale.ROOT, "while measuring: %d GC collections, %d ms; JIT compiling %d ms; stalls over 1 ms: %d%n",
                gcAfter - gcBefore[0], gcMillisAfter - gcBefore[1], compileAfter - gcBefore[2], stallCount[0]);
        for (int k = 0; k < Math.min(STALLS_SHOWN, stallCount[0]); k++) {
            System.out.printf(Locale.ROOT, "  stall at %.3f s (from the start of warm-up), peak %.2f ms%n", stallStart[k] / 1e9, stallPeak[k] / 1e6);
        }
        System.out.println("threads while measuring (cpu ms, waiting for a core ms, involuntary switches):");
        schedAfter.forEach((thread, after) -> {
            long[] before = schedBefore.getOrDefault(thread, new long[3]);
            long cpu = after[0] - before[0];
            long delay = after[1] - before[1];
            long preempted = after[2] - before[2];
            if (cpu > 5_000_000 || delay > 1_000_000 || preempted > 0) {
                System.out.printf(Locale.ROOT, "  %-24s %8.1f %8.1f %6d%n", thread, cpu / 1e6, delay / 1e6, preempted);
            }
        });
        LockSupport.parkNanos(1);
    }

    private static void print(String what, Histogram h) {
        System.out.printf(Locale.ROOT, "  %-36s p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, p99.99 %.1f µs, max %.1f µs%n",
                what, h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getValueAtPercentile(99.99) / 1e3, h.getMaxValue() / 1e3);
    }

    /** Per thread ("tid name"): schedstat cpu ns, run-delay ns, and involuntary context switches; empty off Linux. */
    private static Map<String, long[]> sched() {
        Map<String, long[]> m = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(t.resolve("comm")).trim();
                    String[] st = Files.readString(t.resolve("schedstat")).trim().split(" ");
                    long nonvoluntary = 0;
                    for (String line : Files.readAllLines(t.resolve("status"))) {
                        if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                            nonvoluntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                    m.put(t.getFileName() + " " + name, new long[] {Long.parseLong(st[0]), Long.parseLong(st[1]), nonvoluntary});
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException notLinux) {
            return m;
        }
        return m;
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, b.getCollectionCount());
        }
        return n;
    }

    private static long gcMillis() {
        long n = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, b.getCollectionTime());
        }
        return n;
    }
}
