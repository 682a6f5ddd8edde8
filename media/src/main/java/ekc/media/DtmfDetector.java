package ekc.media;

/**
 * In-band DTMF detection for trunks that send tones instead of RFC 4733 events: the Goertzel algorithm on
 * the eight Q.23 frequencies, per 20 ms frame of 8 kHz audio. A frame holds a digit when the strongest row and
 * column tones carry most of the frame's energy, each of them is at least 8 dB above the other tones of its
 * group, and the twist between them is within Q.24's limits (row up to 8 dB stronger, column up to 4 dB). A
 * digit is reported once, after two such frames in a row (40 ms, Q.24's shortest digit), and again only after
 * a frame without it. One instance per stream; one thread.
 */
final class DtmfDetector {

    private static final int RATE = 8000;
    /** Share of the frame's energy the two tones must carry. */
    static final double MIN_TONE_SHARE = 0.6;
    static final double MIN_GROUP_RATIO = 6.3; // 8 dB
    static final double MAX_TWIST_ROW = 6.3;   // 8 dB: the row (low) tone may be that much stronger
    static final double MAX_TWIST_COLUMN = 2.5; // 4 dB: the column (high) tone, that much
    /** Below this mean square (about -45 dBFS) a frame is too quiet to hold a digit. */
    private static final double MIN_ENERGY = 32768.0 * 32768.0 * 3e-5;

    private final double[] rowPower = new double[4];
    private final double[] colPower = new double[4];
    private char candidate;
    private int frames;
    private boolean reported;

    /** Returns a digit the first time it is confirmed, 0 otherwise. */
    char process(short[] pcm, int length) {
        char d = detect(pcm, length);
        if (d == 0 || d != candidate) {
            candidate = d;
            frames = d == 0 ? 0 : 1;
            reported = false;
            return 0;
        }
        frames++;
        if (frames >= 2 && !reported) {
            reported = true;
            return d;
        }
        return 0;
    }

    /** The digit this frame alone holds, or 0. */
    char detect(short[] pcm, int length) {
        double energy = 0;
        for (int i = 0; i < length; i++) {
            energy += (double) pcm[i] * pcm[i];
        }
        if (energy / length < MIN_ENERGY) {
            return 0;
        }
        for (int i = 0; i < 4; i++) {
            rowPower[i] = power(pcm, length, Dtmf.ROWS[i]);
            colPower[i] = power(pcm, length, Dtmf.COLUMNS[i]);
        }
        int r = strongest(rowPower);
        int c = strongest(colPower);
        // For a sine of amplitude A the Goertzel power is (A·N/2)², its energy A²·N/2: normalise to a share.
        double share = 2 * (rowPower[r] + colPower[c]) / (length * energy);
        if (share < MIN_TONE_SHARE) {
            return 0;
        }
        for (int i = 0; i < 4; i++) {
            if (i != r && rowPower[i] * MIN_GROUP_RATIO > rowPower[r]) {
                return 0;
            }
            if (i != c && colPower[i] * MIN_GROUP_RATIO > colPower[c]) {
                return 0;
            }
        }
        if (rowPower[r] > colPower[c] * MAX_TWIST_ROW || colPower[c] > rowPower[r] * MAX_TWIST_COLUMN) {
            return 0;
        }
        return Dtmf.KEYPAD[r][c];
    }

    private static int strongest(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Goertzel power at {@code frequency} (not bound to a DFT bin). */
    static double power(short[] pcm, int length, double frequency) {
        double coeff = 2 * Math.cos(2 * Math.PI * frequency / RATE);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < length; i++) {
            double s0 = pcm[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - coeff * s1 * s2;
    }
}
