package ekc.robot;

import ekc.config.RobotConfig;
import ekc.engine.Input;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Yana, level I of the hotline (R2–R5): talks to callers, answers from the knowledge base, and hands
 * calls to the engine with a {@link Input.RobotFinished}. Every method may be called from any thread
 * (media event loops, the app's dispatcher); the work runs on a few robot worker threads, each call
 * always on the same one, so a call's dialog has a single thread and recognition never blocks media.
 *
 * <p>Publishes into the engine: {@link Input.RobotSaid} for every prompt, {@link Input.RobotUtterance}
 * for every recognised caller utterance (R30), and finally one {@link Input.RobotFinished}.
 */
public final class Robot implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Robot.class);
    private static final int RECOGNIZERS_PER_WORKER = 4;

    private final RobotConfig config;
    private final SpeechModel model;
    private final Dialog.Shared shared;
    private final ExecutorService[] workers;
    private final Map<Long, Dialog> dialogs = new ConcurrentHashMap<>();
    private final AtomicLong maxLagNanos = new AtomicLong();
    private final Thread warmUp;
    private volatile boolean closing;
    private volatile Consumer<ReplyTiming> timings;

    /**
     * Loads the knowledge base ({@code robot.kbDir}, or the embedded one for {@code robot.language})
     * and the Vosk model ({@code robot.modelDir}, or {@code models/vosk-model-en-us} /
     * {@code models/vosk-model-small-ru} under the working directory).
     *
     * @throws SpeechModelException when the model is missing, naming the path and where to get one
     * @throws KnowledgeBaseException when the knowledge base is invalid, naming file, line and field, or
     *         a prompt it can say has no recording ({@link Voice#canSay})
     */
    public Robot(RobotConfig config, Consumer<Input> engine, Voice voice) {
        this.config = config;
        String language = config.language();
        KnowledgeBase kb = config.kbDir() != null
                ? KnowledgeBaseLoader.load(language, Path.of(config.kbDir()))
                : KnowledgeBaseLoader.embedded(language);
        requireRecordings(kb, voice);
        this.model = SpeechModel.open(modelDir(config), language);
        int n = config.workers() > 0 ? config.workers() : Runtime.getRuntime().availableProcessors();
        // recognizers of a kind beyond this wait for a pooled (warm) one; see SpeechModel.tryAcquire
        this.shared = new Dialog.Shared(kb, model, voice, engine, config.matchThreshold(), config.noInputSeconds() * 1000L,
                RECOGNIZERS_PER_WORKER * n, t -> {
                    java.util.function.Consumer<ReplyTiming> sink = timings;
                    if (sink != null) {
                        try {
                            sink.accept(t);
                        } catch (RuntimeException e) {
                            LOG.warn("reply timing sink failed (the dialog goes on)", e); // a figure must not break a call
                        }
                    }
                });
        // a new recognizer is slow for its first utterances and holds up its worker's other calls: make the
        // full complement (the cap) at start and warm each on Yana's own prompts, off the workers
        List<short[]> speech = PromptAudio.samples(language, List.of("greeting", "not-understood"));
        this.warmUp = new Thread(() -> {
            try {
                long t0 = System.nanoTime();
                model.warmUp(speech, RECOGNIZERS_PER_WORKER * n, () -> closing);
                LOG.info("recognizer warm-up done in {} ms: {} recognizers", (System.nanoTime() - t0) / 1_000_000, model.recognizers());
            } catch (RuntimeException e) {
                LOG.warn("recognizer warm-up failed (recognition still works, slower at first)", e);
            }
        }, "robot-warm-up");
        warmUp.setDaemon(true);
        warmUp.setPriority(Thread.MIN_PRIORITY);
        warmUp.start();
        this.workers = new ExecutorService[n];
        for (int i = 0; i < n; i++) {
            int id = i;
            workers[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "robot-" + id);
                t.setDaemon(true);
                return t;
            });
        }
        LOG.info("Yana ready: language {}, model {}, {} questions, {} workers", language, model.dir(), kb.questions().size(), n);
    }

    /** Every prompt Yana can say (her own, each answer, each scenario step) must have a recording: never a missing-file silence. */
    private static void requireRecordings(KnowledgeBase kb, Voice voice) {
        List<String> missing = kb.promptTexts().keySet().stream()
                .map(name -> kb.language() + "/" + name)
                .filter(prompt -> !voice.canSay(prompt))
                .toList();
        if (!missing.isEmpty()) {
            throw new KnowledgeBaseException("no recording for " + missing.size() + " of Yana's prompts: " + missing
                    + ". Make them with scripts/make-robot-prompts.sh " + kb.language() + " <kb dir> <out dir>, and put them"
                    + " on the class path under /ekc/prompts/" + kb.language() + "/ or in media.promptsDir");
        }
    }

    /** The model directory the config names, or the default for its language. */
    public static Path modelDir(RobotConfig config) {
        if (config.modelDir() != null) {
            return Path.of(config.modelDir());
        }
        return Path.of("models", config.language().equals("en") ? "vosk-model-en-us" : "vosk-model-small-ru");
    }

    /** A call comes to Yana: she greets the caller. {@code callerRegion}: from the caller's number, or null. */
    public void start(long callId, String language, String callerRegion) {
        if (language != null && !language.equals(config.language())) {
            LOG.warn("call {}: language '{}' asked, but Yana runs in '{}' (robot.language)", callId, language, config.language());
        }
        on(callId, () -> {
            Dialog d = new Dialog(callId, callerRegion, shared, task -> on(callId, task), () -> dialogs.remove(callId));
            if (dialogs.putIfAbsent(callId, d) == null) {
                d.start();
            }
        });
    }

    /** The call left Yana (the caller hung up): publishes {@code RobotFinished(CALLER_GONE)} unless she had finished. */
    public void stop(long callId) {
        on(callId, () -> {
            Dialog d = dialogs.remove(callId);
            if (d != null) {
                d.stop();
            }
        });
    }

    /**
     * One frame (20 ms) of caller audio, resampled to 16 kHz, with the VAD's verdict. Only speech
     * frames reach the recogniser; speech followed by silence ends an utterance. {@code pcm16k} is
     * copied, so the caller may reuse it.
     */
    public void onAudio(long callId, short[] pcm16k, int samples, boolean speech, long timeMillis) {
        short[] copy = speech ? java.util.Arrays.copyOf(pcm16k, samples) : null;
        long queued = System.nanoTime();
        on(callId, () -> {
            maxLagNanos.accumulateAndGet(System.nanoTime() - queued, Math::max);
            Dialog d = dialogs.get(callId);
            if (d != null) {
                d.onFrame(copy, samples, speech, timeMillis, queued);
            }
        });
    }

    public void onDtmf(long callId, char digit) {
        on(callId, () -> {
            Dialog d = dialogs.get(callId);
            if (d != null) {
                d.onDtmf(digit);
            }
        });
    }

    /**
     * Where the time of each reply went, from the end of the caller's utterance to {@link Voice#play}
     * (for benchmarks and health checks; null stops it). {@code sink} runs on the call's robot worker:
     * keep it short.
     */
    public void onReplyTiming(Consumer<ReplyTiming> sink) {
        this.timings = sink;
    }

    /** How many Vosk recognizers exist, pooled or in use (a health figure: a new one is slow for its first utterances). */
    public int recognizers() {
        return model.recognizers();
    }

    /** Calls Yana is talking to now. */
    public int activeDialogs() {
        return dialogs.size();
    }

    /**
     * The longest time an audio frame waited for a worker since the last call: how far recognition
     * lags behind real time (a health figure; should stay well under 200 ms).
     */
    public long lagMillis() {
        return TimeUnit.NANOSECONDS.toMillis(maxLagNanos.getAndSet(0));
    }

    @Override
    public void close() {
        closing = true;
        try {
            warmUp.join(10_000); // it uses the model, which is closed last
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ExecutorService w : workers) {
            w.shutdown();
        }
        for (ExecutorService w : workers) {
            try {
                if (!w.awaitTermination(5, TimeUnit.SECONDS)) {
                    w.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                w.shutdownNow();
            }
        }
        model.close();
    }

    private void on(long callId, Runnable task) {
        try {
            worker(callId).execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("call {}: robot failed", callId, e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("call {}: robot closed", callId);
        }
    }

    private ExecutorService worker(long callId) {
        // MurmurHash3's finaliser spreads consecutive call ids evenly over the workers
        long h = callId;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return workers[(int) Math.floorMod(h, (long) workers.length)];
    }
}
