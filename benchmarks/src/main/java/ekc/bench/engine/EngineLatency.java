package ekc.bench.engine;

import ekc.engine.EngineRing;
import ekc.engine.Input;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Publish → decision latency through the real {@link EngineRing} (multi-producer Disruptor, the
 * engine on its consumer thread): a producer publishes the {@link Workload} script at a fixed rate,
 * and the time from each input's intended send time to the end of the engine's handling of it is the
 * figure (intended, not actual, send time: no coordinated omission).
 *
 * <p>Every event's three times (intended send, actual publish, end of the decision) are written to
 * preallocated arrays; the histograms, and the list of stalls (runs of events over 1 ms), are made from
 * them after the run. So the code that runs on the engine thread is the same for every event: nothing
 * changes at the start of the measured part. (It used to reset the histograms there, in a branch the
 * JIT had compiled as never taken; taking it deoptimised the engine thread's whole compiled loop, the
 * engine included, and the interpreter ran it until C2 had compiled it again: the 8–37 ms first stall.)
 * Two more histograms say where a slow event lost its time: actual publish → decision (the ring and
 * the engine), and intended → actual publish (the producer itself running late).
 *
 * <p>The first {@code warmupSeconds} are not measured. It prints the JIT's compile time over the measured
 * part and, over warm-up and measured part together (reading them at the start of the measured part took
 * a core from the producer or the engine for up to 6 ms), the GC collections, the process's page faults,
 * the machine's steal time (the hypervisor running something else on our virtual cores) and, per thread
 * of the JVM, from Linux's {@code /proc/self/task/*}: CPU time, time spent runnable but waiting for a core
 * (schedstat run delay) and involuntary context switches.
 *
 * <p>Before the ring starts, the main thread can run the engine alone for {@code prewarmSteps} inputs
 * (default 0), so that the JIT compiles its hot paths while a core is free for the compiler.
 *
 * <p>OS placement, off unless asked for (Linux, needs root and util-linux's {@code taskset}/{@code chrt}):
 * {@code -Dekc.latency.producerCpu=N} puts the producer (this main thread) alone on CPU N, and
 * {@code -Dekc.latency.engineCpu=M} the engine thread alone on CPU M; every other thread of the JVM goes on
 * the CPUs left (with 2 CPUs and both given: on the producer's CPU N); {@code -Dekc.latency.fifo=N} gives the
 * engine thread ({@value EngineRing#THREAD_NAME}) the real-time policy SCHED_FIFO at priority N, and
 * {@code -Dekc.latency.producerFifo=N} the producer. Use FIFO only with a wait that sleeps ({@code parking}
 * for the engine, {@code -Dekc.latency.producer=park} for the producer, which then parks until its next
 * event is due instead of spinning, at least {@code -Dekc.latency.producerBatchMicros=B} µs (default 0),
 * and publishes everything due when it wakes, so a batch's first events are published late, and counted so): a spinning real-time
 * thread starves the rest of its core, and the kernel throttles it (sched_rt_runtime_us).
 * {@code -Dekc.latency.producerSlackNanos=S} sets a parking producer's timer slack (Linux's
 * {@code /proc/TID/timerslack_ns}; 50 µs by default for a normal thread, so each park ended up to 50 µs late).
 * {@code -Dekc.latency.engineNice=N} and {@code -Dekc.latency.producerNice=N} renice those threads. (Neither
 * nice nor FIFO stops a kernel thread that is already running: this kernel is {@code PREEMPT_NONE}.)
 *
 * <p>How a late producer catches up changes what "actual publish → decision" measures. By default (as before)
 * it publishes everything that is due at once: after a 10 ms stall, 5,000 events at the producer's full speed,
 * which the engine then drains, so the figure includes queueing behind the harness's own burst.
 * {@code -Dekc.latency.catchUpNanos=G} makes it publish a late event no sooner than G ns after the one before
 * (500 ns: 2 M events/s, four times the offered rate), so the ring sees a bounded rate. Intended send →
 * decision still counts every nanosecond of lateness (it grows, as catching up takes longer).
 *
 * <p>It also counts the events over 50 µs (the issue's bound) on both measures, and lists the longest runs of
 * events whose actual publish → decision was over 50 µs, with their monotonic time (System.nanoTime, the clock
 * {@code perf record -k CLOCK_MONOTONIC} uses) to find what ran on the engine's CPU then.
 *
 * <p>{@code java -cp … ekc.bench.engine.EngineLatency [eventsPerSecond] [seconds] [wait] [warmupSeconds] [prewarmSteps]}
 * (defaults 500000, 10, blocking, 3, 0; wait is an {@code engine.waitStrategy} spelling).
 */
public final class EngineLatency {

    private static final long STALL_NANOS = 1_000_000;
    private static final int STALLS_SHOWN = 16;
    /** The issue's bound: events slower than this are counted, and the ring's and engine's own runs of them listed. */
    private static final long TARGET_NANOS = 50_000;

    private EngineLatency() {}

    public static void main(String[] args) throws InterruptedException {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        EngineRing.Wait wait = args.length > 2 ? EngineRing.Wait.of(args[2]) : EngineRing.Wait.BLOCKING;
        int warmupSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        long prewarmSteps = args.length > 4 ? Long.parseLong(args[4]) : 0;
        int producerCpu = Integer.getInteger("ekc.latency.producerCpu", -1);
        int engineCpu = Integer.getInteger("ekc.latency.engineCpu", -1);
        int fifo = Integer.getInteger("ekc.latency.fifo", 0);
        int producerFifo = Integer.getInteger("ekc.latency.producerFifo", 0);
        int engineNice = Integer.getInteger("ekc.latency.engineNice", 0);
        int producerNice = Integer.getInteger("ekc.latency.producerNice", 0);
        boolean parkingProducer = System.getProperty("ekc.latency.producer", "spin").equals("park");
        long batchNanos = Long.getLong("ekc.latency.producerBatchMicros", 0) * 1000;
        long slackNanos = Long.getLong("ekc.latency.producerSlackNanos", 0);
        long catchUpNanos = Long.getLong("ekc.latency.catchUpNanos", 0);
        Workload w = new Workload(200_000, 11);
        int warmup = Math.multiplyExact(rate, warmupSeconds);
        int total = Math.addExact(warmup, Math.multiplyExact(rate, seconds));
        long[] intended = new long[total];
        long[] published = new long[total];
        long[] decided = new long[total];
        CountDownLatch done = new CountDownLatch(1);
        Driver driver = new Driver(w);
        long prewarmStart = System.nanoTime();
        for (long i = 0; i < prewarmSteps; i++) {
            driver.step(); // the engine alone on this thread: the JIT compiles with a core to itself
        }
        double prewarmSeconds = (System.nanoTime() - prewarmStart) / 1e9;
        long period = 1_000_000_000L / rate;
        // the ring calls the driver's engine; each input is the script's next one, resolved on the engine thread
        EngineRing.Handler handler = new EngineRing.Handler() {
            int seen;

            @Override
            public void onInput(long time, Input input) {
                driver.step();
                decided[seen] = System.nanoTime();
                if (++seen == total) {
                    done.countDown();
                }
            }
        };
        // The management beans' and /proc readers' first uses load classes and start JMX (tens of ms), and run
        // interpreted: done here, so the snapshot at the start of the measured part (on a third thread) is short.
        for (int i = 0; i < 200; i++) {
            Counts.take(i % 20 == 0);
        }
        String placement;
        long gcCollections;
        long gcMillis;
        long compileMillis;
        Counts before;
        Counts after;
        long snapshotNanos;
        try (EngineRing ring = new EngineRing(1 << 16, System::currentTimeMillis, handler, wait)) {
            placement = place(producerCpu, engineCpu, fifo, producerFifo, engineNice, producerNice) + (parkingProducer ? ", producer parks (at least " + batchNanos / 1000 + " µs)" : ", producer spins")
                    + (slackNanos > 0 ? slack(slackNanos) : "")
                    + (catchUpNanos > 0 ? ", a late producer catches up one event per " + catchUpNanos + " ns" : ", a late producer publishes what is due at once");
            Counts ringStart = Counts.take(true); // all but JIT time: from here, warm-up included
            long start = System.nanoTime() + 200_000_000L;
            long boundary = start + warmupSeconds * 1_000_000_000L;
            long[] compileBefore = new long[2];
            Thread snapshotter = new Thread(() -> {
                LockSupport.parkNanos(Math.max(0, boundary - System.nanoTime()));
                long began = System.nanoTime();
                // only the JIT's counter (≈ 20 µs): the GC beans took 70–240 µs and the /proc walk a core for 6 ms
                compileBefore[0] = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
                compileBefore[1] = System.nanoTime() - began;
            }, "snapshot");
            snapshotter.setDaemon(true);
            snapshotter.start();
            long notBefore = 0; // with catchUpNanos: when a late producer may publish its next event
            for (int i = 0; i < total; i++) {
                long at = start + i * period;
                long t;
                while ((t = System.nanoTime()) < Math.max(at, notBefore)) {
                    if (parkingProducer && t < at) {
                        // wakes late by the timer slack, or on purpose up to batchNanos after the event was due: in the figures
                        LockSupport.parkNanos(Math.max(at - t, batchNanos));
                    } else {
                        Thread.onSpinWait();
                    }
                }
                intended[i] = at;
                published[i] = t;
                ring.publish(Input.Tick.INSTANCE); // a slot that makes the engine take its next scripted input
                notBefore = t + catchUpNanos;
            }
            done.await();
            after = Counts.take(true); // while the engine thread still exists
            snapshotter.join();
            before = ringStart;
            gcCollections = after.gcCollections - before.gcCollections;
            gcMillis = after.gcMillis - before.gcMillis;
            compileMillis = after.compileMillis - compileBefore[0];
            snapshotNanos = compileBefore[1];
            report(rate, seconds, warmupSeconds, prewarmSteps, prewarmSeconds, wait, placement, start, warmup, intended, published, decided);
        }
        System.out.printf(Locale.ROOT, "while measuring: JIT compiling %d ms (read in %.0f µs at the start)%n", compileMillis, snapshotNanos / 1e3);
        System.out.printf(Locale.ROOT, "over warm-up and measured part: %d GC collections, %d ms; page faults %d minor, %d major; steal %d ms (both cores)%n",
                gcCollections, gcMillis, after.minorFaults - before.minorFaults, after.majorFaults - before.majorFaults,
                (after.stealTicks - before.stealTicks) * 10);
        System.out.println("threads over warm-up and measured part (cpu ms, waiting for a core ms, involuntary switches):");
        after.threads.forEach((thread, a) -> {
            long[] b = before.threads.getOrDefault(thread, new long[3]);
            long cpu = a[0] - b[0];
            long delay = a[1] - b[1];
            long preempted = a[2] - b[2];
            if (cpu > 5_000_000 || delay > 1_000_000 || preempted > 0) {
                System.out.printf(Locale.ROOT, "  %-24s %8.1f %8.1f %6d%n", thread, cpu / 1e6, delay / 1e6, preempted);
            }
        });
    }

    private static void report(int rate, int seconds, int warmupSeconds, long prewarmSteps, double prewarmSeconds, EngineRing.Wait wait,
            String placement, long start, int warmup, long[] intended, long[] published, long[] decided) {
        Histogram fromIntended = new Histogram(60_000_000_000L, 3);
        Histogram fromPublish = new Histogram(60_000_000_000L, 3);
        Histogram producerLate = new Histogram(60_000_000_000L, 3);
        List<long[]> stalls = new ArrayList<>(); // start since warm-up began, peak, producer's peak lateness in it
        long[] stall = null;
        // runs of events whose actual publish → decision is over the target: the ring's and the engine's own stalls
        List<long[]> engineStalls = new ArrayList<>(); // start (publish since warm-up began), peak, events
        long[] engineStall = null;
        long overIntended = 0;
        long overPublish = 0;
        for (int i = warmup; i < decided.length; i++) {
            long latency = decided[i] - intended[i];
            fromIntended.recordValue(Math.max(0, latency));
            long sincePublish = decided[i] - published[i];
            fromPublish.recordValue(Math.max(0, sincePublish));
            overIntended += latency > TARGET_NANOS ? 1 : 0;
            if (sincePublish > TARGET_NANOS) {
                overPublish++;
                if (engineStall == null) {
                    engineStall = new long[] {published[i] - start, 0, 0};
                    engineStalls.add(engineStall);
                }
                engineStall[1] = Math.max(engineStall[1], sincePublish);
                engineStall[2]++;
            } else {
                engineStall = null;
            }
            long late = Math.max(0, published[i] - intended[i]);
            producerLate.recordValue(late);
            if (latency > STALL_NANOS) {
                if (stall == null) {
                    stall = new long[] {intended[i] - start, 0, 0};
                    stalls.add(stall);
                }
                stall[1] = Math.max(stall[1], latency);
                stall[2] = Math.max(stall[2], late);
            } else {
                stall = null;
            }
        }
        System.out.printf(Locale.ROOT, "rate %,d events/s for %d s after %d s of warm-up (and %,d steps alone in %.1f s), wait %s, %s, %,d measured%n",
                rate, seconds, warmupSeconds, prewarmSteps, prewarmSeconds, wait.name().toLowerCase(Locale.ROOT), placement,
                fromIntended.getTotalCount());
        print("intended send → decision", fromIntended);
        print("actual publish → decision", fromPublish);
        print("producer late (intended → publish)", producerLate);
        System.out.printf(Locale.ROOT, "events over %d µs: %,d from intended send, %,d from actual publish, of %,d%n",
                TARGET_NANOS / 1000, overIntended, overPublish, fromIntended.getTotalCount());
        engineStalls.sort((a, b) -> Long.compare(b[1], a[1]));
        System.out.printf(Locale.ROOT, "runs of events over %d µs from actual publish: %d; the longest:%n", TARGET_NANOS / 1000, engineStalls.size());
        for (long[] s : engineStalls.subList(0, Math.min(8, engineStalls.size()))) {
            System.out.printf(Locale.ROOT, "  at %.6f s (monotonic %d ns), peak %.1f µs, %,d events%n", s[0] / 1e9, start + s[0], s[1] / 1e3, s[2]);
        }
        System.out.printf(Locale.ROOT, "stalls over 1 ms: %d%n", stalls.size());
        stalls.sort((a, b) -> Long.compare(b[1], a[1]));
        List<long[]> shown = new ArrayList<>(stalls.subList(0, Math.min(STALLS_SHOWN, stalls.size())));
        shown.sort((a, b) -> Long.compare(a[0], b[0]));
        for (long[] s : shown) {
            System.out.printf(Locale.ROOT, "  stall at %.3f s (from the start of warm-up; monotonic %d ns), peak %.2f ms, producer late up to %.2f ms%n",
                    s[0] / 1e9, start + s[0], s[1] / 1e6, s[2] / 1e6);
        }
    }

    private static void print(String what, Histogram h) {
        System.out.printf(Locale.ROOT, "  %-36s p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, p99.99 %.1f µs, max %.1f µs%n",
                what, h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getValueAtPercentile(99.99) / 1e3, h.getMaxValue() / 1e3);
    }

    /** Applies the asked-for OS placement (see the class comment) and says what it did. */
    private static String place(int producerCpu, int engineCpu, int fifo, int producerFifo, int engineNice, int producerNice) {
        if (producerCpu < 0 && engineCpu < 0 && fifo == 0 && producerFifo == 0 && engineNice == 0 && producerNice == 0) {
            return "no placement (OS default)";
        }
        String pid = Long.toString(ProcessHandle.current().pid());
        String engine = engineTid();
        StringBuilder said = new StringBuilder();
        if (producerCpu >= 0 || engineCpu >= 0) {
            StringBuilder others = new StringBuilder();
            for (int cpu = 0; cpu < Runtime.getRuntime().availableProcessors(); cpu++) {
                if (cpu != producerCpu && cpu != engineCpu) {
                    others.append(others.length() > 0 ? "," : "").append(cpu);
                }
            }
            if (others.length() == 0) {
                others.append(producerCpu); // 2 CPUs, both pinned: the rest shares the producer's
            }
            run("taskset", "-a", "-p", "-c", others.toString(), pid); // every thread now, and the threads they start later
            if (producerCpu >= 0) {
                run("taskset", "-p", "-c", Integer.toString(producerCpu), ownTid());
                said.append("producer on CPU ").append(producerCpu).append(", ");
            }
            if (engineCpu >= 0) {
                run("taskset", "-p", "-c", Integer.toString(engineCpu), engine);
                said.append("engine on CPU ").append(engineCpu).append(", ");
            }
            said.append("the rest of the JVM on CPU ").append(others);
        }
        if (fifo > 0) {
            run("chrt", "-f", "-p", Integer.toString(fifo), engine);
            said.append(said.length() > 0 ? ", " : "").append("engine thread SCHED_FIFO ").append(fifo);
        }
        if (producerFifo > 0) {
            run("chrt", "-f", "-p", Integer.toString(producerFifo), ownTid());
            said.append(said.length() > 0 ? ", " : "").append("producer SCHED_FIFO ").append(producerFifo);
        }
        if (engineNice != 0) {
            run("renice", "-n", Integer.toString(engineNice), "-p", engine);
            said.append(said.length() > 0 ? ", " : "").append("engine thread nice ").append(engineNice);
        }
        if (producerNice != 0) {
            run("renice", "-n", Integer.toString(producerNice), "-p", ownTid());
            said.append(said.length() > 0 ? ", " : "").append("producer nice ").append(producerNice);
        }
        return said.toString();
    }

    /** Sets this (the producer's) thread's timer slack, so that a park ends when asked, not up to 50 µs later. */
    private static String slack(long nanos) {
        try {
            Files.writeString(Path.of("/proc", ownTid(), "timerslack_ns"), Long.toString(nanos));
            return ", producer timer slack " + Files.readString(Path.of("/proc", ownTid(), "timerslack_ns")).trim() + " ns";
        } catch (IOException e) {
            throw new IllegalStateException("timer slack needs Linux's /proc/TID/timerslack_ns", e);
        }
    }

    private static String ownTid() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        } catch (IOException e) {
            throw new IllegalStateException("placement needs Linux's /proc/thread-self", e);
        }
    }

    private static String engineTid() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path t : (Iterable<Path>) tasks::iterator) {
                    if (Files.readString(t.resolve("comm")).trim().equals(EngineRing.THREAD_NAME)) {
                        return t.getFileName().toString();
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("placement needs Linux's /proc/self/task", e);
            }
            LockSupport.parkNanos(1_000_000); // the ring has started its thread; it may not have its name yet
        }
        throw new IllegalStateException("no thread named " + EngineRing.THREAD_NAME);
    }

    private static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", command) + " interrupted", e);
        }
    }

    /** What the JVM and Linux count, at one moment. */
    private record Counts(long gcCollections, long gcMillis, long compileMillis, long minorFaults, long majorFaults, long stealTicks,
            Map<String, long[]> threads) {

        /** With {@code threads}, also every thread's schedstat: a walk over /proc/self/task, some ms. */
        static Counts take(boolean withThreads) {
            long collections = 0;
            long millis = 0;
            for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
                collections += Math.max(0, b.getCollectionCount());
                millis += Math.max(0, b.getCollectionTime());
            }
            long compile = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            long minor = 0;
            long major = 0;
            long steal = 0;
            try {
                String stat = Files.readString(Path.of("/proc/self/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // f[0] is field 3, the state
                minor = Long.parseLong(f[7]);
                major = Long.parseLong(f[9]);
                String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0); // cpu user nice system idle iowait irq softirq steal
                steal = Long.parseLong(cpu.trim().split("\\s+")[8]);
            } catch (IOException | RuntimeException notLinux) {
                // left at 0
            }
            Map<String, long[]> threads = withThreads ? sched() : Map.of();
            return new Counts(collections, millis, compile, minor, major, steal, threads);
        }
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
}
