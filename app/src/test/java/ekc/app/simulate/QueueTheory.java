package ekc.app.simulate;

/** Erlang C (M/M/c) and Erlang A (M/M/c+M) figures to compare the simulator with. */
final class QueueTheory {

    private QueueTheory() {}

    /** Probability that a call waits, Erlang C, for offered load {@code a} erlangs on {@code c} servers. */
    static double erlangC(int c, double a) {
        double b = 1.0; // Erlang B by the stable recursion
        for (int k = 1; k <= c; k++) {
            b = a * b / (k + a * b);
        }
        return c * b / (c - a * (1 - b));
    }

    /** P(wait ≤ t seconds) in M/M/c. */
    static double serviceLevel(int c, double lambdaPerSec, double ahtSec, double t) {
        double mu = 1 / ahtSec;
        double a = lambdaPerSec / mu;
        return 1 - erlangC(c, a) * Math.exp(-(c * mu - lambdaPerSec) * t);
    }

    /** Mean wait in M/M/c, seconds. */
    static double asa(int c, double lambdaPerSec, double ahtSec) {
        double mu = 1 / ahtSec;
        return erlangC(c, lambdaPerSec / mu) / (c * mu - lambdaPerSec);
    }

    /** Probability of abandoning in M/M/c+M (Erlang A), from the birth–death chain truncated far out. */
    static double abandonment(int c, double lambdaPerSec, double ahtSec, double patienceSec) {
        double mu = 1 / ahtSec;
        double theta = 1 / patienceSec;
        int max = c + 2_000;
        double[] p = new double[max + 1];
        p[0] = 1;
        double sum = 1;
        for (int k = 1; k <= max; k++) {
            double death = Math.min(k, c) * mu + Math.max(k - c, 0) * theta;
            p[k] = p[k - 1] * lambdaPerSec / death;
            sum += p[k];
        }
        double abandonRate = 0;
        for (int k = c + 1; k <= max; k++) {
            abandonRate += p[k] / sum * (k - c) * theta;
        }
        return abandonRate / lambdaPerSec;
    }
}
