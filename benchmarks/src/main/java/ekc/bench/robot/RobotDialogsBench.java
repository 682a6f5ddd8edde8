package ekc.bench.robot;

import ekc.config.RobotConfig;
import ekc.engine.Input;
import ekc.robot.Robot;
import ekc.robot.Voice;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * N concurrent callers talk to one {@link Robot} in real time: one media-like thread sends every
 * call a 20 ms frame each 20 ms (speech or silence, with the VAD flag). Each caller asks a question
 * (English espeak-ng speech), and when Yana has answered and asked "anything else?" asks the next
 * after a pause. Prompts "play" for a fixed time (no RTP: the media benchmark covers that).
 *
 * <p>Measures (1) the response latency: from the first silence frame after the caller's speech
 * (the VAD's end of utterance) to Yana's {@code Voice.play} of her reply; the media module adds
 * at most one 20 ms packet to reach the first RTP packet; (2) the robot's backlog, {@link Robot#lagMillis()}
 * sampled every 100 ms: how long a frame waited for a recognition worker.
 *
 * <p>{@code java -cp "$CP" ekc.bench.robot.RobotDialogsBench CALLS SECONDS [WORKERS] [MODEL_DIR] [warmUpSeconds]}
 */
public final class RobotDialogsBench {

    private static final List<String> QUESTIONS = List.of(
            "What is the retirement age?", "What is maternity capital?", "I lost my job.",
            "I need a utility subsidy.", "How do I get a disability?", "When can I retire?");
    private static final int PROMPT_MILLIS = 800;
    private static int warmUpSeconds = 10;
    private static boolean realPrompts;
    private static final java.util.Map<String, Long> PROMPT_LENGTHS = new java.util.concurrent.ConcurrentHashMap<>();
    private static long cpuStart;

    /** How long the prompt's WAV plays (8 kHz, 16-bit). */
    private static long promptMillis(String prompt) {
        return PROMPT_LENGTHS.computeIfAbsent(prompt, p -> {
            try (java.io.InputStream in = Robot.class.getResourceAsStream("/ekc/prompts/" + p + ".wav")) {
                return in == null ? PROMPT_MILLIS : Math.max(200, (in.readAllBytes().length - 44) / 16L);
            } catch (java.io.IOException e) {
                return (long) PROMPT_MILLIS;
            }
        });
    }
    private static long cpuEnd;
    private static int recognizersMade;
    private static int recognizersAtEnd;

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        String model = args.length > 3 ? args[3] : "models/vosk-model-en-us";
        realPrompts = args.length > 5 && args[5].equals("real-prompts");
        warmUpSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        List<CallerSpeech.Utterance> utterances = new java.util.ArrayList<>();
        for (String q : QUESTIONS) {
            utterances.add(CallerSpeech.of(q));
        }
        Histogram latency = new SynchronizedHistogram(60_000, 3);
        Histogram lag = new SynchronizedHistogram(60_000, 3);
        Histogram restampedLatency = new SynchronizedHistogram(60_000, 3);
        Histogram harnessAhead = new SynchronizedHistogram(60_000, 3);
        Histogram traceAhead = new SynchronizedHistogram(60_000_000, 3);
        Histogram traceLate = new SynchronizedHistogram(60_000_000, 3);
        Histogram traceAheadAudio = new SynchronizedHistogram(60_000, 3);
        AtomicLong earlyDisagreed = new AtomicLong();
        AtomicLong earlyBehind = new AtomicLong();
        // Yana's own stamps along the path (ReplyTiming), in microseconds
        Histogram traceTotal = new SynchronizedHistogram(60_000_000, 3);
        Histogram traceBacklog = new SynchronizedHistogram(60_000_000, 3);
        Histogram traceRecognition = new SynchronizedHistogram(60_000_000, 3);
        Histogram traceDecision = new SynchronizedHistogram(60_000_000, 3);
        Histogram tracePlay = new SynchronizedHistogram(60_000_000, 3);
        java.util.Map<String, AtomicLong> slowPrompts = new java.util.concurrent.ConcurrentSkipListMap<>();
        AtomicLong answers = new AtomicLong();
        AtomicLong misses = new AtomicLong();
        AtomicLong speechFrames = new AtomicLong();
        AtomicLong allFrames = new AtomicLong();
        Caller[] callers = new Caller[calls];
        ScheduledExecutorService media = Executors.newSingleThreadScheduledExecutor();
        Robot[] robotRef = new Robot[1];
        AtomicLong handedOver = new AtomicLong();
        Consumer<Input> engine = i -> {
            if (i instanceof Input.RobotFinished f) {
                handedOver.incrementAndGet(); // e.g. not understood twice: the caller calls again
                robotRef[0].start(f.callId(), "en", null);
            }
        };
        Voice voice = new Voice() {
            @Override
            public void play(long callId, String prompt, Consumer<Boolean> onDone) {
                Caller c = callers[(int) callId - 1];
                c.heard(prompt, latency, answers, misses, slowPrompts, restampedLatency);
                media.schedule(() -> {
                    onDone.accept(false);
                    c.promptEnded(prompt);
                }, realPrompts ? promptMillis(prompt) : PROMPT_MILLIS, TimeUnit.MILLISECONDS);
            }

            @Override
            public void stopPlayback(long callId) {
                // prompts end on their own here
            }
        };
        try (Robot robot = new Robot(new RobotConfig("en", model, true, null, null, 3600, workers), engine, voice)) {
            Random random = new Random(42);
            long start = System.nanoTime();
            cpuStart = cpu();
            robotRef[0] = robot;
            robot.onReplyTiming(t -> {
                if (t.early()) {
                    traceAheadAudio.recordValue(Math.min(60_000, t.aheadMillis()));
                    if (!t.finalAgrees()) {
                        earlyDisagreed.incrementAndGet();
                    }
                }
                if (t.early() && t.totalNanos() <= 0) {
                    traceAhead.recordValue(Math.min(60_000_000, -t.totalNanos() / 1000));
                } else {
                    if (t.early()) {
                        earlyBehind.incrementAndGet(); // decided on a partial, but its worker got there after the end frame arrived
                    }
                    traceLate.recordValue(Math.min(60_000_000, t.totalNanos() / 1000));
                }
                traceTotal.recordValue(Math.min(60_000_000, Math.max(0, t.totalNanos()) / 1000));
                traceBacklog.recordValue(Math.min(60_000_000, t.backlogNanos() / 1000));
                traceRecognition.recordValue(Math.min(60_000_000, t.recognitionNanos() / 1000));
                traceDecision.recordValue(Math.min(60_000_000, t.decisionNanos() / 1000));
                tracePlay.recordValue(Math.min(60_000_000, t.playNanos() / 1000));
            });
            for (int i = 0; i < calls; i++) {
                callers[i] = new Caller(robot, i + 1, utterances, random.nextInt(1000), start, harnessAhead);
            }
            // calls arrive spread over the first half of the warm-up, as real arrivals do
            for (int i = 0; i < calls; i++) {
                long id = i + 1;
                media.schedule(() -> robot.start(id, "en", null), i * warmUpSeconds * 500L / calls, TimeUnit.MILLISECONDS);
            }
            // the media thread: every call gets its frame each 20 ms, as RTP arrives
            media.scheduleAtFixedRate(() -> {
                long now = (System.nanoTime() - start) / 1_000_000;
                for (Caller c : callers) {
                    c.tick(now, speechFrames, allFrames);
                }
            }, 20, 20, TimeUnit.MILLISECONDS);
            media.scheduleAtFixedRate(() -> lag.recordValue(Math.min(60_000, robot.lagMillis())), 100, 100, TimeUnit.MILLISECONDS);
            Thread.sleep(warmUpSeconds * 1000L); // JIT, first recognitions
            latency.reset();
            lag.reset();
            restampedLatency.reset();
            earlyDisagreed.set(0);
            earlyBehind.set(0);
            for (Histogram h : List.of(traceTotal, traceBacklog, traceRecognition, traceDecision, tracePlay, harnessAhead, traceAhead, traceLate,
                    traceAheadAudio)) {
                h.reset();
            }
            slowPrompts.clear();
            speechFrames.set(0);
            allFrames.set(0);
            answers.set(0);
            misses.set(0);
            handedOver.set(0);
            cpuStart = cpu();
            int recognizersBefore = robot.recognizers();
            Thread.sleep(seconds * 1000L);
            recognizersMade = robot.recognizers() - recognizersBefore;
            recognizersAtEnd = robot.recognizers();
            media.shutdownNow();
            media.awaitTermination(5, TimeUnit.SECONDS);
            cpuEnd = cpu();
        }
        double speechSeconds = speechFrames.get() * 0.02;
        System.out.printf("calls %d, %d s measured after %d s warm-up, workers %s, %d cores%n", calls, seconds, warmUpSeconds, workers == 0 ? "one per core" : workers,
                Runtime.getRuntime().availableProcessors());
        System.out.printf("speech frames %.0f%% of all frames; replies %d (answers %d, not understood %d); handed over %d%n",
                100.0 * speechFrames.get() / Math.max(1, allFrames.get()), latency.getTotalCount(), answers.get(), misses.get(), handedOver.get());
        System.out.printf("process CPU %.1f s for %.1f s of caller speech: %.2f CPU-seconds per second of speech (all else included)%n",
                (cpuEnd - cpuStart) / 1e9, speechSeconds, (cpuEnd - cpuStart) / 1e9 / Math.max(0.001, speechSeconds));
        System.out.printf("end of utterance -> reply play: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
                latency.getValueAtPercentile(50), latency.getValueAtPercentile(95), latency.getValueAtPercentile(99), latency.getMaxValue());
        System.out.printf("  recognizers: %d at the end, %d of them made while measured; harness saw %d replies before the end%n",
                recognizersAtEnd, recognizersMade, harnessAhead.getTotalCount());
        System.out.printf("  the old harness's pairing (re-stamped on later silence frames): p50 %d ms, p95 %d ms, p99 %d ms, max %d ms (%d)%n",
                restampedLatency.getValueAtPercentile(50), restampedLatency.getValueAtPercentile(95), restampedLatency.getValueAtPercentile(99),
                restampedLatency.getMaxValue(), restampedLatency.getTotalCount());
        System.out.printf("  replies over 1 s, by the prompt that ended them: %s%n", slowPrompts);
        System.out.printf("Yana's own stamps, %d replies (ms): end of utterance -> play p50 %.1f, p95 %.1f, p99 %.1f, max %.1f%n",
                traceTotal.getTotalCount(), ms(traceTotal, 50), ms(traceTotal, 95), ms(traceTotal, 99), traceTotal.getMaxValue() / 1000.0);
        System.out.printf("  decided on a partial but played after the end frame arrived (worker behind; counted below as after): %d%n", earlyBehind.get());
        System.out.printf("  replies after the end of the utterance: %d, p50 %.1f, p95 %.1f, p99 %.1f, max %.1f%n",
                traceLate.getTotalCount(), ms(traceLate, 50), ms(traceLate, 95), ms(traceLate, 99), traceLate.getMaxValue() / 1000.0);
        System.out.printf("  early replies started before the end (on a stable partial, counted as 0 above): %d; started before the end by p50 %.1f, p5 %.1f, max %.1f"
                        + " (audio ahead p50 %d ms); final transcript decided otherwise: %d; harness saw them ahead by p50 %d ms%n",
                traceAhead.getTotalCount(), ms(traceAhead, 50), ms(traceAhead, 5), traceAhead.getMaxValue() / 1000.0,
                traceAheadAudio.getValueAtPercentile(50), earlyDisagreed.get(), harnessAhead.getValueAtPercentile(50));
        for (var part : java.util.Map.of("  backlog (frame waits for its worker)", traceBacklog, "  recognizer final", traceRecognition,
                "  match and decision", traceDecision, "  card event and play", tracePlay).entrySet()) {
            Histogram h = part.getValue();
            System.out.printf("%s: p50 %.1f, p95 %.1f, p99 %.1f, max %.1f%n", part.getKey(), ms(h, 50), ms(h, 95), ms(h, 99), h.getMaxValue() / 1000.0);
        }
        System.out.printf("backlog (frame wait for a worker, max per 100 ms): p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
                lag.getValueAtPercentile(50), lag.getValueAtPercentile(95), lag.getValueAtPercentile(99), lag.getMaxValue());
    }

    private static double ms(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / 1000.0;
    }

    /** One simulated caller; touched by the media thread and (for prompts) the robot's workers. */
    private static final class Caller {

        private final Robot robot;
        private final long callId;
        private final List<CallerSpeech.Utterance> utterances;
        private final short[] silence = new short[CallerSpeech.FRAME];
        private volatile long speakAt;
        private volatile long endOfUtterance = -1;
        private volatile long restamped = -1;
        private boolean ended;
        private long earlyPlay = -1;
        private final Histogram ahead;
        private int next;
        private CallerSpeech.Utterance speaking;
        private int frame;
        private boolean spoke;

        private final long start;

        Caller(Robot robot, long callId, List<CallerSpeech.Utterance> utterances, int offset, long start, Histogram ahead) {
            this.start = start;
            this.ahead = ahead;
            this.robot = robot;
            this.callId = callId;
            this.utterances = utterances;
            this.next = offset;
            this.speakAt = Long.MAX_VALUE; // after the greeting
        }

        /** On the media thread, every 20 ms. */
        synchronized void tick(long now, AtomicLong speechFrames, AtomicLong allFrames) {
            allFrames.incrementAndGet();
            if (speaking == null && now >= speakAt) {
                speaking = utterances.get(next++ % utterances.size());
                frame = 0;
                spoke = false;
                ended = false;
                speakAt = Long.MAX_VALUE;
            }
            if (speaking != null && frame < speaking.frames().length) {
                boolean speech = speaking.speech()[frame];
                if (speech) {
                    speechFrames.incrementAndGet();
                    spoke = true;
                } else if (spoke) {
                    ended(System.nanoTime());
                }
                robot.onAudio(callId, speaking.frames()[frame], CallerSpeech.FRAME, speech, now);
                frame++;
                return;
            }
            if (speaking != null && spoke) {
                ended(System.nanoTime());
            }
            speaking = null;
            robot.onAudio(callId, silence, CallerSpeech.FRAME, false, now);
        }

        /**
         * A silence frame after the caller's speech. The first one of an utterance is its end (the
         * VAD's). The harness before 2026-12-01 stamped again on every later silence frame of the
         * utterance's WAV once a reply had cleared the stamp: a reply faster than the WAV's 100–140 ms
         * of trailing silence was then "answered" again by the next prompt, 8–15 s later. That
         * re-stamping is kept apart, as {@code restamped}, to show its effect.
         */
        private void ended(long nanos) {
            if (!ended) {
                ended = true;
                if (earlyPlay >= 0) {
                    ahead.recordValue(Math.min(60_000, (nanos - earlyPlay) / 1_000_000)); // Yana replied before the end
                    earlyPlay = -1;
                } else {
                    endOfUtterance = nanos;
                }
            }
            if (restamped < 0) {
                restamped = nanos;
            }
        }

        /** Yana starts a prompt (on a robot worker). */
        synchronized void heard(String prompt, Histogram latency, AtomicLong answers, AtomicLong misses, java.util.Map<String, AtomicLong> slow,
                   Histogram restampedLatency) {
            if (speaking != null && spoke && !ended) {
                if (earlyPlay < 0) {
                    earlyPlay = System.nanoTime(); // an early reply: the caller is still talking
                    latency.recordValue(0);
                    answers.incrementAndGet();
                }
                return;
            }
            long again = restamped;
            if (again >= 0) {
                restamped = -1;
                restampedLatency.recordValue(Math.min(60_000, (System.nanoTime() - again) / 1_000_000));
            }
            long end = endOfUtterance;
            if (end >= 0) {
                endOfUtterance = -1;
                long millis = (System.nanoTime() - end) / 1_000_000;
                latency.recordValue(Math.min(60_000, millis));
                if (millis > 1000) {
                    slow.computeIfAbsent(prompt, p -> new AtomicLong()).incrementAndGet();
                }
                if (prompt.endsWith("/not-understood")) {
                    misses.incrementAndGet();
                } else {
                    answers.incrementAndGet();
                }
            }
        }

        /** A prompt ended: after the greeting or "anything else?", ask the next question after a pause. */
        void promptEnded(String prompt) {
            if (prompt.endsWith("/greeting") || prompt.endsWith("/anything-else") || prompt.endsWith("/not-understood")) {
                speakAt = (System.nanoTime() - start) / 1_000_000 + 400; // a short pause, then the next question
            }
        }
    }
}
