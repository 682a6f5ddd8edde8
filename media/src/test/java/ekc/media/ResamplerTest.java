package ekc.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** 8 → 16 kHz: the tone stays, its image at 8 kHz − f is filtered out, frames join without clicks. */
class ResamplerTest {

    private static double goertzelLevel(short[] s, int from, double frequency, int rate) {
        double coeff = 2 * Math.cos(2 * Math.PI * frequency / rate);
        double s1 = 0;
        double s2 = 0;
        int n = s.length - from;
        for (int i = from; i < s.length; i++) {
            double s0 = s[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return 2 * Math.sqrt(power) / n; // amplitude
    }

    private static short[] upsampleInFrames(short[] in) {
        Resampler r = new Resampler();
        short[] out = new short[in.length * 2];
        short[] frame = new short[160];
        short[] frameOut = new short[320];
        for (int off = 0; off < in.length; off += 160) {
            System.arraycopy(in, off, frame, 0, 160);
            r.upsample(frame, 160, frameOut);
            System.arraycopy(frameOut, 0, out, off * 2, 320);
        }
        return out;
    }

    @Test
    void passbandToneKeepsItsLevelAndItsImageIsGone() {
        for (double f : new double[] {300, 1000, 3000, 3400}) {
            short[] out = upsampleInFrames(TestMedia.tone(f, 10000, 8000));
            double tone = goertzelLevel(out, 400, f, 16000);
            double image = goertzelLevel(out, 400, 8000 - f, 16000);
            assertThat(tone).as(f + " Hz level").isBetween(9000.0, 11000.0);
            assertThat(20 * Math.log10(image / tone)).as(f + " Hz image, dB").isLessThan(f <= 3000 ? -60 : -40);
        }
    }

    @Test
    void sixteenKilohertzPromptsAreDecimatedWithTheSameFilter() {
        short[] in = new short[16000];
        for (int i = 0; i < in.length; i++) {
            // 1 kHz stays, 6 kHz must not alias down to 2 kHz.
            in[i] = (short) (8000 * Math.sin(2 * Math.PI * 1000 * i / 16000.0) + 8000 * Math.sin(2 * Math.PI * 6000 * i / 16000.0));
        }
        short[] out = Resampler.downsample16kTo8k(in);
        assertThat(out).hasSize(8000);
        assertThat(goertzelLevel(out, 200, 1000, 8000)).isBetween(7000.0, 9000.0);
        assertThat(goertzelLevel(out, 200, 2000, 8000)).isLessThan(30.0);
    }
}
