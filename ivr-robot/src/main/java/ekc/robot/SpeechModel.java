package ekc.robot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * A Vosk model and its pools of recognizers: one pool for free speech, one per grammar (closed
 * questions). Recognizers are reused, {@code reset()} between utterances: creating one per utterance
 * costs about four times as much. Thread-safe; each recognizer is used by one worker at a time.
 */
final class SpeechModel implements AutoCloseable {

    static final float SAMPLE_RATE = 16_000f;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Model model;
    private final Path dir;
    private final Map<String, ArrayDeque<Recognizer>> pools = new HashMap<>();
    private final List<Recognizer> all = new ArrayList<>();
    private final Map<String, Integer> made = new HashMap<>();
    private boolean closed;

    private SpeechModel(Model model, Path dir) {
        this.model = model;
        this.dir = dir;
    }

    /** Loads the model in {@code dir}; a missing or broken model is a {@link SpeechModelException} saying where to get one. */
    static SpeechModel open(Path dir, String language) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs.resolve("am")) && !Files.isRegularFile(abs.resolve("final.mdl"))) {
            throw new SpeechModelException("Vosk speech model for language '" + language + "' not found at " + abs
                    + " (robot.modelDir). " + whereToGet(language), null);
        }
        LibVosk.setLogLevel(LogLevel.WARNINGS); // Kaldi's LOG lines would flood the console
        try {
            return new SpeechModel(new Model(abs.toString()), abs);
        } catch (IOException | RuntimeException | Error e) {
            throw new SpeechModelException("Vosk speech model at " + abs + " cannot be loaded: " + e.getMessage() + ". " + whereToGet(language), e);
        }
    }

    static String whereToGet(String language) {
        if (language.equals("en")) {
            return "Build the project (./mvnw -B -pl ivr-robot -am package) to unpack the small English model into models/vosk-model-en-us,"
                    + " or download vosk-model-small-en-us-0.15 from https://alphacephei.com/vosk/models and set robot.modelDir to its directory.";
        }
        return "Download a Russian model, e.g. vosk-model-small-ru-0.22 from https://alphacephei.com/vosk/models, unzip it,"
                + " and set robot.modelDir to its directory (default models/vosk-model-small-ru).";
    }

    Path dir() {
        return dir;
    }

    /**
     * A pooled recognizer, or a new one unless {@code limit} recognizers of that kind exist already
     * (then null: the caller buffers and asks again). New recognizers are slow until warm, so under
     * a burst it is cheaper to wait for a warm one than to make another.
     */
    Recognizer tryAcquire(List<String> phrases, int limit) {
        String key = grammar(phrases);
        synchronized (pools) {
            ArrayDeque<Recognizer> pool = pools.get(key);
            if (pool != null && !pool.isEmpty()) {
                return pool.pop();
            }
            if (made.getOrDefault(key, 0) >= limit) {
                return null;
            }
        }
        return acquire(phrases);
    }

    /** A recognizer for free speech ({@code phrases == null}) or for a closed list of phrases plus {@code [unk]}. */
    Recognizer acquire(List<String> phrases) {
        String key = grammar(phrases);
        synchronized (pools) {
            if (closed) {
                throw new IllegalStateException("speech model closed");
            }
            ArrayDeque<Recognizer> pool = pools.get(key);
            if (pool != null && !pool.isEmpty()) {
                return pool.pop();
            }
        }
        return make(key);
    }

    /** A new recognizer, counted among those of its kind. */
    private Recognizer make(String key) {
        try {
            Recognizer r = key == null ? new Recognizer(model, SAMPLE_RATE) : new Recognizer(model, SAMPLE_RATE, key);
            r.setWords(true); // per-word confidence
            synchronized (pools) {
                all.add(r);
                made.merge(key, 1, Integer::sum);
            }
            return r;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a Vosk recognizer: " + e.getMessage(), e);
        }
    }

    /** Back to its pool, reset for the next utterance. */
    void release(List<String> phrases, Recognizer r) {
        r.reset();
        synchronized (pools) {
            if (closed) {
                return;
            }
            pools.computeIfAbsent(grammar(phrases), k -> new ArrayDeque<>()).push(r);
        }
    }

    /**
     * Runs on the warm-up thread. Makes free-speech recognizers until {@code count} exist, decoding
     * {@code speech} (16 kHz) with each and pooling it as soon as it is warm, so calls can take the
     * first ones while the rest warm. A recognizer composes its decoding graph lazily and keeps what
     * it built: its first utterances cost several times the steady state, and a cold one made during
     * a call holds up its worker's other calls, so the pool is filled to the cap before calls need it.
     * Those a call made meanwhile count toward {@code count}: they are warmed by that call.
     */
    void warmUp(List<short[]> speech, int count, java.util.function.BooleanSupplier stop) {
        while (!stop.getAsBoolean()) {
            synchronized (pools) {
                if (closed || made.getOrDefault(null, 0) >= count) {
                    return;
                }
            }
            Recognizer r = make(null);
            try {
                for (short[] pcm : speech) {
                    for (int at = 0; at + 320 <= pcm.length && !stop.getAsBoolean(); at += 320) {
                        r.acceptWaveForm(java.util.Arrays.copyOfRange(pcm, at, at + 320), 320);
                    }
                    r.getFinalResult();
                    r.reset();
                }
            } finally {
                release(null, r);
            }
        }
    }

    int recognizers() {
        synchronized (pools) {
            return all.size();
        }
    }

    @Override
    public void close() {
        Collection<Recognizer> toClose;
        synchronized (pools) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(all);
            pools.clear();
        }
        toClose.forEach(Recognizer::close);
        model.close();
    }

    private static String grammar(List<String> phrases) {
        if (phrases == null) {
            return null;
        }
        List<String> g = new ArrayList<>(phrases);
        g.add("[unk]");
        try {
            return JSON.writeValueAsString(g);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a list of strings always serialises
        }
    }
}
