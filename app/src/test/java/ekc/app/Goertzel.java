package ekc.app;

/** How much of a frame's energy is one tone (Goertzel): 1 for a pure tone at that frequency, near 0 for others. Thread-safe. */
final class Goertzel {

    private Goertzel() {}

    /** The share (0–1) of the energy of {@code pcm[from, from + n)} (8 kHz) that lies at {@code hz}. */
    static double share(short[] pcm, int from, int n, double hz) {
        double coeff = 2 * Math.cos(2 * Math.PI * hz / 8000);
        double s1 = 0;
        double s2 = 0;
        double energy = 0;
        for (int i = from; i < from + n; i++) {
            double s = pcm[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s;
            energy += (double) pcm[i] * pcm[i];
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return energy < n * 100.0 ? 0 : power / (energy * n / 2); // silence (rms under 10) is no tone
    }

    /** How many whole 20 ms frames of {@code pcm} are mostly the tone {@code hz}. */
    static int frames(short[] pcm, double hz) {
        int count = 0;
        for (int at = 0; at + 160 <= pcm.length; at += 160) {
            if (share(pcm, at, 160, hz) > 0.6) {
                count++;
            }
        }
        return count;
    }

    /** {@code seconds} of a sine at {@code hz}, 8 kHz, amplitude 8,000 (about −12 dBFS). */
    static short[] tone(double hz, double seconds) {
        short[] pcm = new short[(int) (seconds * 8000)];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * hz * i / 8000));
        }
        return pcm;
    }
}
