package ekc.bench.robot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * English caller speech for the benchmarks: espeak-ng, resampled by sox to 16 kHz, cut in 20 ms
 * frames with an energy VAD (200 ms hang-over), as the media module hands them to the robot.
 */
final class CallerSpeech {

    static final int FRAME = 320;

    /** One utterance: its frames and which of them are speech. */
    record Utterance(String text, short[][] frames, boolean[] speech) {}

    private CallerSpeech() {}

    static Utterance of(String text) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(Path.of("target", "bench-speech"));
        Path raw = dir.resolve(Integer.toHexString(text.hashCode()) + ".espeak.wav");
        Path wav = dir.resolve(Integer.toHexString(text.hashCode()) + ".wav");
        run(List.of("espeak-ng", "-v", "en-us", "-w", raw.toString(), text));
        run(List.of("sox", "-D", raw.toString(), "-r", "16000", "-b", "16", "-c", "1", "-e", "signed-integer", wav.toString()));
        short[] pcm = ekc.robot.WavSamples.of(Files.readAllBytes(wav));
        int n = pcm.length / FRAME;
        short[][] frames = new short[n][];
        boolean[] speech = new boolean[n];
        int hang = 0;
        for (int i = 0; i < n; i++) {
            frames[i] = java.util.Arrays.copyOfRange(pcm, i * FRAME, (i + 1) * FRAME);
            boolean loud = rms(frames[i]) > 300;
            hang = loud ? 10 : Math.max(0, hang - 1);
            speech[i] = loud || hang > 0;
        }
        return new Utterance(text, frames, speech);
    }

    static double rms(short[] frame) {
        double sum = 0;
        for (short s : frame) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / frame.length);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(command + " failed: " + new String(p.getInputStream().readAllBytes()));
        }
    }
}
