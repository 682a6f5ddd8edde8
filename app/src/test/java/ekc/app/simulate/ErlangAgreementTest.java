package ekc.app.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import ekc.app.simulate.report.QueueStats;
import ekc.app.simulate.scenario.Scenario;
import ekc.config.Regions;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The simulator running the real engine agrees with queueing theory. Each figure is the mean of
 * independent replications (different seeds, a warm-up discarded); the tolerance is the 99.9 %
 * Student-t interval of that mean, so it comes from the sample itself: more calls, tighter bounds.
 */
class ErlangAgreementTest {

    static final int REPLICATIONS = 16;
    static final double T_999 = 4.073; // two-sided 99.9 % quantile of Student's t, 15 degrees of freedom
    static final int AGENTS = 10;
    static final double AHT = 180;

    @ParameterizedTest(name = "M/M/10 at load {0}: service level and ASA match Erlang C")
    @CsvSource({"0.70", "0.85", "0.93"})
    void serviceLevelAndAsaMatchErlangC(double load) {
        double perHour = load * AGENTS / AHT * 3600;
        double lambda = perHour / 3600;
        QueueStats[] runs = replicate(Scenario.singleQueue(AGENTS, perHour, AHT, null, 60).withWarmup(4 * 3600));
        check("SL20", runs, QueueStats::serviceLevel20, QueueTheory.serviceLevel(AGENTS, lambda, AHT, 20));
        check("SL60", runs, QueueStats::serviceLevel60, QueueTheory.serviceLevel(AGENTS, lambda, AHT, 60));
        check("ASA", runs, QueueStats::asaSeconds, QueueTheory.asa(AGENTS, lambda, AHT));
        for (QueueStats s : runs) {
            assertThat(s.abandonedCalls()).isZero(); // no patience given: nobody gives up
        }
    }

    @ParameterizedTest(name = "M/M/10+M at load {0}, patience {1} s: abandonment matches Erlang A")
    @CsvSource({"0.95, 120", "1.10, 300"})
    void abandonmentMatchesErlangA(double load, double patience) {
        double perHour = load * AGENTS / AHT * 3600;
        QueueStats[] runs = replicate(Scenario.singleQueue(AGENTS, perHour, AHT, patience, 60).withWarmup(3600));
        check("abandonment", runs, QueueStats::abandonmentRate, QueueTheory.abandonment(AGENTS, perHour / 3600, AHT, patience));
    }

    private static QueueStats[] replicate(Scenario s) {
        QueueStats[] runs = new QueueStats[REPLICATIONS];
        for (int i = 0; i < REPLICATIONS; i++) {
            runs[i] = new Simulation(s, 1_000 + i, Regions.embedded()).run(null).total();
        }
        return runs;
    }

    private static void check(String what, QueueStats[] runs, ToDoubleFunction<QueueStats> f, double theory) {
        double mean = 0;
        for (QueueStats r : runs) {
            mean += f.applyAsDouble(r);
        }
        mean /= runs.length;
        double var = 0;
        for (QueueStats r : runs) {
            double d = f.applyAsDouble(r) - mean;
            var += d * d;
        }
        double sd = Math.sqrt(var / (runs.length - 1));
        double tolerance = T_999 * sd / Math.sqrt(runs.length);
        assertThat(mean).as("%s: simulated %.4f ± %.4f (sd %.4f over %d runs of ~%d calls), theory %.4f",
                what, mean, tolerance, sd, runs.length, runs[0].calls(), theory).isCloseTo(theory, org.assertj.core.data.Offset.offset(tolerance));
        // not vacuous: shares within ±0.1, the mean wait within ±45 % (waits in M/M/c vary a lot, and are correlated)
        assertThat(tolerance).as("%s tolerance is informative", what).isLessThan(Math.max(0.1, 0.45 * Math.abs(theory)));
    }
}
