package ekc.bench.journal;

import ekc.engine.CardEvent;
import ekc.engine.CardEvent.*;
import ekc.engine.Channel;
import ekc.engine.Command;
import ekc.engine.Direction;
import ekc.engine.Engine;
import ekc.engine.EngineSettings;
import ekc.engine.Line;
import ekc.engine.Outputs;
import ekc.engine.RobotOutcome;
import ekc.recordings.CardFilter;
import ekc.recordings.Cards;
import ekc.recordings.Journal;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The journal's figures for BENCHMARKS.md (issue 7): card-event append rate, audio of 1,000 concurrent
 * calls, replay of 10 million events, card lookup latency. A plain main class, one JVM, run on the
 * command line (see BENCHMARKS.md for the exact command); never run by the tests.
 *
 * <pre>java ... ekc.bench.journal.JournalBench [append|audio|replay|lookup|restart|all] [events]</pre>
 *
 * <p>{@code restart}: the start of {@code ekc run} on a journal whose unanswered requests fill the call-back lists
 * ({@link Journal#UNANSWERED_RESTORED} of them among {@code events}' cards): {@code Cards.open}, then
 * {@code Journal.restart}, then the real engine taking every restored request back onto its line's list.
 */
public final class JournalBench {

    private JournalBench() {
    }

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "all";
        long events = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        Path root = Files.createTempDirectory("ekc-journal-bench");
        try {
            if (what.equals("append") || what.equals("all")) {
                append(root.resolve("append"), events);
            }
            if (what.equals("audio") || what.equals("all")) {
                audio(root.resolve("audio"), 1_000, 20);
            }
            if (what.equals("replay") || what.equals("lookup") || what.equals("all")) {
                Path dir = root.resolve("replay");
                write(dir, events);
                replayAndLookup(dir, what.equals("replay") ? 0 : 100_000);
            }
            if (what.equals("restart") || what.equals("all")) {
                restart(root.resolve("restart"), events);
            }
        } finally {
            delete(root);
        }
    }

    /** The events of one call answered by first line: 10 events, as the engine emits them. */
    static void call(Journal j, long n, long t) {
        j.append(new CardOpened(n, t, "+7918" + (1_000_000 + n % 9_000_000), "Краснодарский край", Direction.INBOUND,
                Channel.VOICE, "+78001000001"));
        j.append(new RobotDialogStarted(n, t + 1_000));
        j.append(new RobotUtterance(n, t + 3_000, "хочу узнать про пенсию", 0.9f));
        j.append(new RobotDialogEnded(n, t + 20_000, RobotOutcome.FIRST_LINE, "Пенсия", 19_000));
        j.append(new Queued(n, t + 20_000, "СФР-1 линия", 0));
        j.append(new OperatorConnected(n, t + 30_000, "op-" + (n % 500), "Оператор " + (n % 500), "25722",
                "СФР-1 линия", Line.FIRST, 10_000));
        j.append(new OperatorReleased(n, t + 90_000, "op-" + (n % 500), 60_000));
        j.append(new WrapUpStarted(n, t + 90_000, "op-" + (n % 500)));
        j.append(new CallEnded(n, t + 90_000, "caller hung up"));
        j.append(new CardClosed(n, t + 95_000, "served", null, 95_000));
    }

    /** The events of one call nobody answered (R28): queued for first line, the caller gave up: 7 events. */
    static void unanswered(Journal j, long n, long t) {
        j.append(new CardOpened(n, t, "+7918" + (1_000_000 + n % 9_000_000), "Краснодарский край", Direction.INBOUND,
                Channel.VOICE, "+78001000001"));
        j.append(new RobotDialogStarted(n, t + 1_000));
        j.append(new RobotDialogEnded(n, t + 20_000, RobotOutcome.FIRST_LINE, "Пенсия", 19_000));
        j.append(new Queued(n, t + 20_000, "СФР-1 линия", 0));
        j.append(new Unanswered(n, t + 80_000, "caller hung up in queue", "СФР-1 линия"));
        j.append(new CallEnded(n, t + 80_000, "caller hung up"));
        j.append(new CardClosed(n, t + 80_000, "unanswered", "caller hung up in queue", 80_000));
    }

    /**
     * A journal of {@code events} / 10 cards, one in {@code events / 10 / UNANSWERED_RESTORED} unanswered, then
     * what {@code ekc run} does with it at start, each step timed.
     */
    static void restart(Path dir, long events) {
        long cards = events / 10;
        long every = Math.max(1, cards / Journal.UNANSWERED_RESTORED);
        long t0 = 1_700_000_000_000L;
        long unanswered = 0;
        try (Journal j = Journal.open(dir)) {
            for (long n = 1; n <= cards; n++) {
                if (n % every == 0) {
                    unanswered(j, n, t0 + n * 100);
                    unanswered++;
                } else {
                    call(j, n, t0 + n * 100);
                }
                if ((n & 7) == 0) {
                    j.flush();
                }
            }
            j.flush();
        }
        long now = t0 + cards * 100 + 3_600_000;
        long start = System.nanoTime();
        try (Journal j = Journal.open(dir); Cards all = Cards.open(dir)) {
            double open = (System.nanoTime() - start) / 1e9;
            long t = System.nanoTime();
            Journal.Restart r = j.restart(all, now);
            double fold = (System.nanoTime() - t) / 1e9;
            long[] commands = new long[1];
            Engine engine = new Engine(new Outputs() {
                @Override
                public void command(Command command) {
                    commands[0]++;
                }

                @Override
                public void fact(CardEvent event) {
                }
            }, EngineSettings.defaults());
            t = System.nanoTime();
            r.unanswered().forEach(u -> engine.onInput(now, u));
            double take = (System.nanoTime() - t) / 1e9;
            System.out.printf("restart: %,d cards, %,d unanswered written; Cards.open %.2f s, Journal.restart %.2f s "
                            + "(%,d unanswered restored, %,d closing events), engine takes them back %.3f s; total %.2f s%n",
                    all.size(), unanswered, open, fold, r.unanswered().size(), r.closing().size(), take,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    private static long write(Path dir, long events) {
        long calls = events / 10;
        long t0 = 1_700_000_000_000L;
        try (Journal j = Journal.open(dir)) {
            for (long n = 1; n <= calls; n++) {
                call(j, n, t0 + n * 100);
                if ((n & 7) == 0) {
                    j.flush();
                }
            }
            j.flush();
        }
        return calls * 10;
    }

    static void append(Path dir, long events) {
        write(dir.resolve("warm-up"), Math.min(events, 2_000_000));
        long start = System.nanoTime();
        long n = write(dir.resolve("measured"), events);
        double s = (System.nanoTime() - start) / 1e9;
        System.out.printf("append: %,d card events in %.2f s = %,.0f events/s (flush every 80 events)%n", n, s, n / s);
    }

    /** {@code calls} calls, each sending 50 frames/s each way, for {@code seconds}, from 4 media threads. */
    static void audio(Path dir, int calls, int seconds) throws InterruptedException {
        int threads = 4;
        byte[] payload = new byte[160];
        try (Journal j = Journal.open(dir)) {
            CountDownLatch done = new CountDownLatch(threads);
            long start = System.nanoTime();
            long t0 = System.currentTimeMillis();
            for (int th = 0; th < threads; th++) {
                int first = th;
                Thread t = new Thread(() -> {
                    // Paced like RTP: every 20 ms each call of this thread sends one frame each way.
                    for (int tick = 0; tick < seconds * 50; tick++) {
                        long due = start + tick * 20_000_000L;
                        while (System.nanoTime() < due) {
                            java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
                        }
                        for (int c = first; c < calls; c += threads) {
                            j.audio(c, true, t0 + tick * 20L, payload, 0);
                            j.audio(c, false, t0 + tick * 20L, payload, 0);
                        }
                    }
                    done.countDown();
                }, "media-" + th);
                t.start();
            }
            done.await();
            long offeredAt = System.nanoTime();
            j.drainAudio();
            double lag = (System.nanoTime() - offeredAt) / 1e6;
            long expected = (long) calls * seconds * 50 * 2;
            System.out.printf("audio: %,d calls x %d s: %,d frames offered, %,d written, %,d dropped; "
                            + "writer caught up %.0f ms after the last frame (%,.0f frames/s)%n", calls, seconds, expected,
                    j.audioWritten(), j.audioDropped(), lag, expected / ((System.nanoTime() - start) / 1e9));
        }
    }

    static void replayAndLookup(Path dir, int lookups) {
        long start = System.nanoTime();
        try (Cards cards = Cards.open(dir)) {
            int n = cards.size();
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf("replay: %,d events (%,d cards) indexed in %.2f s = %,.0f events/s%n", cards.events(), n, s,
                    cards.events() / s);
            if (lookups == 0) {
                return;
            }
            SplittableRandom r = new SplittableRandom(7);
            Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(1), 3);
            for (int i = 0; i < lookups + 20_000; i++) {
                long number = 1 + r.nextInt(n);
                long t = System.nanoTime();
                if (cards.get(number).isEmpty()) {
                    throw new IllegalStateException("card " + number + " missing");
                }
                long took = System.nanoTime() - t;
                if (i >= 20_000) { // the first 20,000 warm the JIT
                    h.recordValue(took);
                }
            }
            System.out.printf("lookup (random card of %,d, mostly cache misses: fold from the queue): p50 %.1f us, "
                            + "p99 %.1f us, p99.9 %.1f us, max %.1f us%n", n, h.getValueAtPercentile(50) / 1e3,
                    h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
            long t = System.nanoTime();
            int listed = cards.list(CardFilter.all().withLimit(50)).size();
            System.out.printf("list newest 50 of %,d: %.1f ms%n", n, (System.nanoTime() - t) / 1e6, listed);
        }
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
