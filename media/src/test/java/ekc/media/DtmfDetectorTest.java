package ekc.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Goertzel in-band DTMF on generated tones, with noise, twist, off-frequency tones, and speech-like input. */
class DtmfDetectorTest {

    /** 100 ms of the digit's tone pair at the given levels (dB relative to ~-10 dBm0), then 60 ms of silence. */
    private static short[] digit(char d, double rowDb, double colDb, double noiseRms, double freqError, Random random) {
        double fr = Dtmf.ROWS[Dtmf.rowOf(d)] * (1 + freqError);
        double fc = Dtmf.COLUMNS[Dtmf.columnOf(d)] * (1 + freqError);
        double ar = 6000 * Math.pow(10, rowDb / 20);
        double ac = 6000 * Math.pow(10, colDb / 20);
        short[] s = new short[1280];
        for (int i = 0; i < s.length; i++) {
            double v = random.nextGaussian() * noiseRms;
            if (i < 800) {
                double t = i / 8000.0;
                v += ar * Math.sin(2 * Math.PI * fr * t) + ac * Math.sin(2 * Math.PI * fc * t + 1);
            }
            s[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
        }
        return s;
    }

    private static String detect(short[] audio) {
        DtmfDetector d = new DtmfDetector();
        StringBuilder out = new StringBuilder();
        short[] frame = new short[160];
        for (int off = 0; off + 160 <= audio.length; off += 160) {
            System.arraycopy(audio, off, frame, 0, 160);
            char c = d.process(frame, 160);
            if (c != 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static short[] sequence(String digits, double rowDb, double colDb, double noise, double freqError) {
        Random random = new Random(42);
        short[] all = new short[0];
        for (char c : digits.toCharArray()) {
            short[] one = digit(c, rowDb, colDb, noise, freqError, random);
            short[] joined = java.util.Arrays.copyOf(all, all.length + one.length);
            System.arraycopy(one, 0, joined, all.length, one.length);
            all = joined;
        }
        return all;
    }

    @Test
    void everyDigitIsHeardOnceInAClearLine() {
        assertThat(detect(sequence("0123456789*#ABCD", 0, 0, 0, 0))).isEqualTo("0123456789*#ABCD");
    }

    @Test
    void digitsSurviveNoiseTwistAndFrequencyError() {
        assertThat(detect(sequence("159#", 0, 0, 600, 0))).as("20 dB SNR").isEqualTo("159#");
        assertThat(detect(sequence("2580", 6, 0, 200, 0))).as("row 6 dB stronger").isEqualTo("2580");
        assertThat(detect(sequence("2580", 0, 3, 200, 0))).as("column 3 dB stronger").isEqualTo("2580");
        assertThat(detect(sequence("147", 0, 0, 200, 0.015))).as("+1.5 %").isEqualTo("147");
        assertThat(detect(sequence("369", 0, 0, 200, -0.015))).as("-1.5 %").isEqualTo("369");
    }

    @Test
    void excessiveTwistSingleTonesNoiseAndChordsAreNotDigits() {
        assertThat(detect(sequence("5", 0, 12, 0, 0))).as("column 12 dB stronger").isEmpty();
        short[] single = TestMedia.tone(770, 8000, 8000);
        assertThat(detect(single)).as("one tone").isEmpty();
        Random random = new Random(7);
        short[] noise = new short[8000];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (short) (random.nextGaussian() * 4000);
        }
        assertThat(detect(noise)).as("white noise").isEmpty();
        // A harmonic-rich "voice": 140 Hz pulse train, energy spread over many harmonics.
        short[] voice = new short[8000];
        for (int i = 0; i < voice.length; i++) {
            double v = 0;
            for (int h = 1; h < 25; h++) {
                v += 2000.0 / h * Math.sin(2 * Math.PI * 140 * h * i / 8000.0);
            }
            voice[i] = (short) v;
        }
        assertThat(detect(voice)).as("voiced speech").isEmpty();
    }
}
