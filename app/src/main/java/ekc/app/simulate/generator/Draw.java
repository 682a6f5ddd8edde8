package ekc.app.simulate.generator;

import java.util.SplittableRandom;

/** Random draws for one simulation run; the seed fixes every draw. Single-threaded. */
public final class Draw {

    private final SplittableRandom random;

    public Draw(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Exponential with the given mean, in millis; 0 for a mean of 0. */
    public long exponentialMillis(double meanSeconds) {
        if (meanSeconds <= 0) {
            return 0;
        }
        return Math.round(-Math.log(1.0 - random.nextDouble()) * meanSeconds * 1000.0);
    }

    public double uniform() {
        return random.nextDouble();
    }

    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** An index drawn by weight; the weights need not sum to 1. */
    public int pick(double[] cumulative) {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Running sums of {@code weights}, for {@link #pick}. */
    public static double[] cumulative(double[] weights) {
        double[] c = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] < 0) {
                throw new IllegalArgumentException("a weight cannot be negative: " + weights[i]);
            }
            sum += weights[i];
            c[i] = sum;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("weights must not all be zero");
        }
        return c;
    }
}
