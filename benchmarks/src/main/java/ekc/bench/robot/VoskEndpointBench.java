package ekc.bench.robot;

import java.util.List;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * Vosk's own end-point delay, reported beside the robot's latency: how much audio after the end
 * of speech Vosk needs before {@code acceptWaveForm} returns true by itself. Yana does not wait for
 * it (the media VAD ends the utterance); this is what relying on Vosk alone would cost. Also the
 * recognition cost of a free-speech and a grammar utterance, and of creating a recognizer versus
 * {@code reset()}.
 *
 * <p>{@code java -cp "$CP" ekc.bench.robot.VoskEndpointBench [MODEL_DIR]}
 */
public final class VoskEndpointBench {

    public static void main(String[] args) throws Exception {
        String dir = args.length > 0 ? args[0] : "models/vosk-model-en-us";
        LibVosk.setLogLevel(LogLevel.WARNINGS);
        List<String> texts = List.of("What is the retirement age?", "How do I get unemployment benefit?",
                "I want to talk to an operator", "What is maternity capital?");
        short[] silence = new short[CallerSpeech.FRAME];
        long freeCpu = 0;
        long grammarCpu = 0;
        long speechNanos = 0;
        try (Model model = new Model(dir)) {
            Recognizer free = new Recognizer(model, 16_000f);
            free.setWords(args.length > 1 && args[1].equals("words"));
            Recognizer grammar = new Recognizer(model, 16_000f, "[\"yes\", \"no\", \"krasnodar\", \"moscow\", \"[unk]\"]");
            for (int round = 0; round < 2; round++) { // the first round warms up
                for (String text : texts) {
                    CallerSpeech.Utterance u = CallerSpeech.of(text);
                    int lastSpeech = 0;
                    for (int i = 0; i < u.frames().length; i++) {
                        if (CallerSpeech.rms(u.frames()[i]) > 300) {
                            lastSpeech = i;
                        }
                    }
                    long t0 = System.nanoTime();
                    int endpointFrame = -1;
                    for (int i = 0; i < u.frames().length + 150 && endpointFrame < 0; i++) {
                        short[] f = i < u.frames().length ? u.frames()[i] : silence;
                        if (free.acceptWaveForm(f, f.length) && i > lastSpeech) {
                            endpointFrame = i;
                        }
                    }
                    long freeNanos = System.nanoTime() - t0;
                    String result = free.getResult().replaceAll("\\s+", " ");
                    free.reset();
                    t0 = System.nanoTime();
                    for (short[] f : u.frames()) {
                        grammar.acceptWaveForm(f, f.length);
                    }
                    grammar.getFinalResult();
                    long grammarNanos = System.nanoTime() - t0;
                    grammar.reset();
                    // what Yana does: only the speech frames, then the final result; CPU time of this thread
                    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
                    long c0 = threads.getCurrentThreadCpuTime();
                    int speechFrames = 0;
                    for (int i = 0; i <= lastSpeech; i++) {
                        if (CallerSpeech.rms(u.frames()[i]) > 300 || i > 0) {
                            free.acceptWaveForm(u.frames()[i], u.frames()[i].length);
                            speechFrames++;
                        }
                    }
                    free.getFinalResult();
                    free.reset();
                    long c1 = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i <= lastSpeech; i++) {
                        grammar.acceptWaveForm(u.frames()[i], u.frames()[i].length);
                    }
                    grammar.getFinalResult();
                    grammar.reset();
                    long c2 = threads.getCurrentThreadCpuTime();
                    if (round == 1) {
                        freeCpu += c1 - c0;
                        grammarCpu += c2 - c1;
                        speechNanos += speechFrames * 20_000_000L;
                    }
                    if (round == 1) {
                        System.out.printf("%-40s speech %4d ms; Vosk end point %s ms after speech; free speech %d ms, grammar %d ms (wall); %s%n",
                                text, (lastSpeech + 1) * 20, endpointFrame < 0 ? "none within 3000" : String.valueOf((endpointFrame - lastSpeech) * 20),
                                freeNanos / 1_000_000, grammarNanos / 1_000_000, result.length() > 60 ? result.substring(result.length() - 60) : result);
                    }
                }
            }
            System.out.printf("CPU per second of speech (real-time factor, this thread): free speech %.3f, grammar %.4f%n",
                    (double) freeCpu / speechNanos, (double) grammarCpu / speechNanos);
            int n = 20;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                new Recognizer(model, 16_000f).close();
            }
            long create = (System.nanoTime() - t0) / n;
            t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                free.reset();
            }
            long reset = (System.nanoTime() - t0) / n;
            System.out.printf("new Recognizer: %.2f ms; reset(): %.3f ms%n", create / 1e6, reset / 1e6);
            free.close();
            grammar.close();
        }
    }
}
