package ekc.media;

/**
 * 8 kHz → 16 kHz for recognisers that expect 16 kHz (the Vosk models do, and return nothing when fed
 * 8 kHz). Zero-stuffing followed by a windowed-sinc low-pass at 3.8 kHz (80 taps, Blackman window, about
 * 70 dB down at the 4.2 kHz image of a 3.8 kHz tone), run as two 40-tap polyphase branches so no zero is
 * ever multiplied. One instance per stream (it keeps the last samples between frames); used by one thread.
 */
final class Resampler {

    static final int TAPS = 80;
    private static final int PHASE_TAPS = TAPS / 2;
    /** Even-indexed and odd-indexed taps of the prototype filter, gain 2 (zero-stuffing halves the level). */
    private static final float[] EVEN = new float[PHASE_TAPS];
    private static final float[] ODD = new float[PHASE_TAPS];
    private static final float[] PROTOTYPE = new float[TAPS];

    static {
        double cutoff = 3800.0 / 16000.0; // of the output rate
        double centre = (TAPS - 1) / 2.0;
        double sum = 0;
        for (int n = 0; n < TAPS; n++) {
            double t = n - centre;
            double sinc = t == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
            double window = 0.42 - 0.5 * Math.cos(2 * Math.PI * n / (TAPS - 1)) + 0.08 * Math.cos(4 * Math.PI * n / (TAPS - 1));
            PROTOTYPE[n] = (float) (sinc * window);
            sum += PROTOTYPE[n];
        }
        for (int n = 0; n < TAPS; n++) {
            PROTOTYPE[n] /= (float) sum; // unity DC gain
        }
        for (int i = 0; i < PHASE_TAPS; i++) {
            EVEN[i] = 2 * PROTOTYPE[2 * i];
            ODD[i] = 2 * PROTOTYPE[2 * i + 1];
        }
    }

    /** The last PHASE_TAPS input samples, newest at the end, followed by room for one frame. */
    private float[] history = new float[PHASE_TAPS + 160];

    /** Writes {@code 2 * length} samples at 16 kHz into {@code out}. */
    void upsample(short[] in, int length, short[] out) {
        if (history.length < PHASE_TAPS + length) {
            float[] bigger = new float[PHASE_TAPS + length];
            System.arraycopy(history, 0, bigger, 0, PHASE_TAPS);
            history = bigger;
        }
        float[] h = history;
        for (int i = 0; i < length; i++) {
            h[PHASE_TAPS + i] = in[i];
        }
        for (int k = 0; k < length; k++) {
            // x[k - i] is h[PHASE_TAPS + k - i]
            int newest = PHASE_TAPS + k;
            float even = 0;
            float odd = 0;
            for (int i = 0; i < PHASE_TAPS; i++) {
                float x = h[newest - i];
                even += EVEN[i] * x;
                odd += ODD[i] * x;
            }
            out[2 * k] = clip(even);
            out[2 * k + 1] = clip(odd);
        }
        System.arraycopy(h, length, h, 0, PHASE_TAPS);
    }

    /** 16 kHz → 8 kHz: the same low-pass, keeping every other output. For whole files (prompts). */
    static short[] downsample16kTo8k(short[] in) {
        short[] out = new short[in.length / 2];
        for (int k = 0; k < out.length; k++) {
            int centre = 2 * k;
            float acc = 0;
            for (int n = 0; n < TAPS; n++) {
                int j = centre - n + TAPS / 2;
                if (j >= 0 && j < in.length) {
                    acc += PROTOTYPE[n] * in[j];
                }
            }
            out[k] = clip(acc);
        }
        return out;
    }

    private static short clip(float v) {
        if (v > Short.MAX_VALUE) {
            return Short.MAX_VALUE;
        }
        if (v < Short.MIN_VALUE) {
            return Short.MIN_VALUE;
        }
        return (short) Math.round(v);
    }
}
