package ekc.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Voice activity on real synthesised speech (espeak-ng, generated at test time) against silence and steady
 * noise: the input to the silence timer (R33) and to the robot's end-of-utterance.
 */
class VadTest {

    @TempDir
    Path dir;

    /** espeak-ng → sox → 8 kHz 16-bit WAV, read by our own reader. */
    private short[] speak(String voice, String text) throws IOException, InterruptedException {
        Path raw = dir.resolve("raw.wav");
        Path wav = dir.resolve("speech.wav");
        run("espeak-ng", "-v", voice, "-w", raw.toString(), text);
        run("sox", raw.toString(), "-r", "8000", "-c", "1", "-b", "16", wav.toString());
        return WavFile.read8k(Files.readAllBytes(wav), wav.toString());
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
    }

    private static boolean[] run(Vad vad, short[] audio) {
        boolean[] decisions = new boolean[audio.length / 160];
        short[] frame = new short[160];
        for (int f = 0; f < decisions.length; f++) {
            System.arraycopy(audio, f * 160, frame, 0, 160);
            decisions[f] = vad.process(frame, 160);
        }
        return decisions;
    }

    private static double share(boolean[] d, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += d[i] ? 1 : 0;
        }
        return (double) n / (to - from);
    }

    private static short[] concat(short[]... parts) {
        int n = 0;
        for (short[] p : parts) {
            n += p.length;
        }
        short[] all = new short[n];
        int at = 0;
        for (short[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    private static short[] noise(int samples, double rms, long seed) {
        Random r = new Random(seed);
        short[] s = new short[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = (short) (r.nextGaussian() * rms);
        }
        return s;
    }

    private static short[] mix(short[] a, short[] b) {
        short[] out = new short[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, a[i] + b[i % b.length]));
        }
        return out;
    }

    private static boolean espeakAvailable() {
        return Files.isExecutable(Path.of("/usr/bin/espeak-ng")) && Files.isExecutable(Path.of("/usr/bin/sox"));
    }

    @Test
    void R33_silenceAndSteadyNoiseAreNotSpeech() {
        Vad vad = new Vad();
        boolean[] silent = run(vad, new short[8000 * 5]);
        assertThat(share(silent, 0, silent.length)).isZero();
        Vad noisy = new Vad();
        boolean[] hiss = run(noisy, noise(8000 * 10, 1500, 1)); // about -27 dBFS of white noise
        assertThat(share(hiss, 0, hiss.length)).isZero();
        Vad line = new Vad();
        boolean[] hum = run(line, mix(noise(8000 * 5, 300, 2), TestMedia.tone(50, 2000, 8000 * 5)));
        assertThat(share(hum, 0, hum.length)).isZero();
    }

    @Test
    void R33_speechIsFoundBetweenSilencesAndEndsAfterTheHangover() throws Exception {
        assumeTrue(espeakAvailable(), "espeak-ng and sox are installed by scripts/test");
        short[] speech = speak("ru", "Здравствуйте, я хочу узнать о своей пенсии и о выплатах на детей.");
        short[] audio = concat(new short[8000 * 2], speech, new short[8000 * 3]);
        boolean[] d = run(new Vad(), audio);
        int speechStart = 2 * 50;
        int speechEnd = speechStart + speech.length / 160;
        assertThat(share(d, 0, speechStart)).as("leading silence").isZero();
        assertThat(share(d, speechStart, speechEnd)).as("during speech").isGreaterThan(0.8);
        assertThat(share(d, speechEnd + 25, d.length)).as("after the hangover").isZero();
        // espeak-ng leaves some silence after the last word: find the last loud frame ourselves.
        int lastLoud = speechStart;
        for (int f = speechStart; f < speechEnd; f++) {
            double sum = 0;
            for (int i = 0; i < 160; i++) {
                sum += (double) audio[f * 160 + i] * audio[f * 160 + i];
            }
            if (sum / 160 > 1000 * 1000) {
                lastLoud = f;
            }
        }
        assertThat(d[lastLoud + 10]).as("200 ms after the last word: still the same utterance").isTrue();
        assertThat(d[lastLoud + 25]).as("500 ms after: the utterance has ended").isFalse();
    }

    @Test
    void speechInSteadyNoiseIsStillSpeechAndTheNoiseAloneIsNot() throws Exception {
        assumeTrue(espeakAvailable(), "espeak-ng and sox are installed by scripts/test");
        short[] speech = speak("en", "I would like to know when my pension will be paid.");
        short[] audio = concat(new short[8000 * 3], speech, new short[8000 * 3]);
        short[] noisy = mix(audio, noise(audio.length, 300, 3)); // about 20 dB below the speech
        boolean[] d = run(new Vad(), noisy);
        int speechStart = 3 * 50;
        int speechEnd = speechStart + speech.length / 160;
        assertThat(share(d, 10, speechStart)).as("noise before").isZero();
        assertThat(share(d, speechStart, speechEnd)).as("speech in noise").isGreaterThan(0.7);
        assertThat(share(d, speechEnd + 25, d.length)).as("noise after").isZero();
    }

    @Test
    void theDecisionFromG711CodesIsTheDecisionFromTheirDecodedSamples() throws Exception {
        short[] speech = espeakAvailable() ? speak("ru", "Алло, я слушаю, говорите.") : TestMedia.tone(300, 8000, 8000);
        short[] audio = mix(concat(new short[8000], speech, new short[8000 * 2], speech), noise(8000 * 3, 300, 4));
        for (int pt : new int[] {G711.PCMU, G711.PCMA}) {
            Vad fromPcm = new Vad();
            Vad fromCodes = new Vad();
            byte[] codes = new byte[160];
            short[] decoded = new short[160];
            int speechFrames = 0;
            for (int f = 0; f < audio.length / 160; f++) {
                G711.encode(pt, audio, f * 160, 160, codes);
                G711.decode(pt, codes, 0, 160, decoded);
                boolean expected = fromPcm.process(decoded, 160);
                assertThat(fromCodes.process(codes, pt, 160)).as("frame %d, payload type %d", f, pt).isEqualTo(expected);
                assertThat(fromCodes.lastLevelDb()).isEqualTo(fromPcm.lastLevelDb());
                speechFrames += expected ? 1 : 0;
            }
            assertThat(speechFrames).as("the audio has speech in it").isGreaterThan(50);
            assertThat(fromCodes.speechFrames()).isEqualTo(fromPcm.speechFrames());
        }
    }
}
