package ekc.robot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.vosk.Recognizer;

/**
 * One caller utterance being recognised: the speech frames of one VAD segment go into a pooled
 * recognizer; when Vosk ends a segment itself ({@code acceptWaveForm} returns true) its result is
 * read at once (a later {@code getFinalResult()} would be empty), and at the end of the utterance
 * the rest comes from {@code getFinalResult()}. Used by one worker thread.
 */
final class Utterance {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SpeechModel model;
    private final List<String> grammar;
    private final int limit;
    private final List<short[]> waiting = new java.util.ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private Recognizer recognizer;
    private double confidenceSum;
    private int words;
    private int frames;

    /** {@code limit}: how many recognizers of this kind may exist before the utterance waits for a pooled one. */
    Utterance(SpeechModel model, List<String> grammar, int limit) {
        this.model = model;
        this.grammar = grammar;
        this.limit = limit;
        this.recognizer = model.tryAcquire(grammar, limit);
    }

    void accept(short[] pcm, int samples) {
        frames++;
        if (recognizer == null) {
            recognizer = model.tryAcquire(grammar, limit);
            if (recognizer == null) {
                waiting.add(java.util.Arrays.copyOf(pcm, samples)); // all recognizers busy: catch up later
                return;
            }
        }
        catchUp();
        feed(pcm, samples);
    }

    private void catchUp() {
        for (short[] frame : waiting) {
            feed(frame, frame.length);
        }
        waiting.clear();
    }

    private void feed(short[] pcm, int samples) {
        if (recognizer.acceptWaveForm(pcm, samples)) {
            add(recognizer.getResult());
        }
    }

    int frames() {
        return frames;
    }

    /** What Vosk has heard so far in the current segment, e.g. to detect barge-in. */
    String partial() {
        return recognizer == null ? "" : read(recognizer.getPartialResult()).path("partial").asText("");
    }

    Transcript finish() {
        if (recognizer == null) {
            recognizer = model.acquire(grammar); // the utterance is over: decode it now, over the limit if need be
        }
        catchUp();
        add(recognizer.getFinalResult());
        release();
        float confidence = words == 0 ? 0f : (float) (confidenceSum / words);
        return new Transcript(text.toString().strip(), confidence);
    }

    /** Gives the recognizer back without a result (the call ended mid-utterance). */
    void release() {
        if (recognizer != null) {
            model.release(grammar, recognizer);
            recognizer = null;
        }
    }

    private void add(String json) {
        JsonNode result = read(json);
        String t = result.path("text").asText("").strip();
        if (!t.isEmpty()) {
            text.append(text.length() > 0 ? " " : "").append(t);
        }
        for (JsonNode w : result.path("result")) {
            confidenceSum += w.path("conf").asDouble(0);
            words++;
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Vosk returned no JSON: " + json, e);
        }
    }
}
