package ekc.bench.engine;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decisions per second on the engine thread: one op is one input handled by the real engine
 * (offer, Yana's outcome, answer, voice, hang-up, wrap-up, login/out) with 1,000 operators and
 * 700 queues. Run: see BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EngineDecisionsBenchmark {

    /**
     * How the operators' replies are made: {@code prepared} (default) plays replies made in advance,
     * so {@code -prof gc} counts only the engine; {@code allocated} makes each one when the agent is
     * rung, as the benchmark did before the {@code Output} slot, to tell the harness's cost from the
     * engine's ({@code -p replies=prepared,allocated}).
     */
    @Param({"prepared"})
    public String replies;

    /**
     * Distinct calls in the script, replayed in a loop: ≈ 12,000 steps per round against ≈ 100 calls
     * in progress, and the {@link Driver} stops the run if an id comes round while its call is still
     * open. 2,048 keeps the script and the prepared replies (≈ 1 MB) in the cache, as inputs fresh from
     * the ring would be; 200,000 (≈ 60 MB, the default before 2026-12-01) made the benchmark measure
     * its own cache misses ({@code -p calls=200000} to compare).
     */
    @Param({"2048"})
    public int calls;

    private Driver driver;

    @Setup(Level.Trial)
    public void setUp() {
        driver = new Driver(new Workload(calls, 7), "allocated".equals(replies));
    }

    @Benchmark
    public long decide() {
        driver.step();
        return driver.outputs;
    }
}
