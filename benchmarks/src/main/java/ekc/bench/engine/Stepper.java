package ekc.bench.engine;

import java.util.function.LongUnaryOperator;

/** One build's engine for {@link EngineInterleaved}, made in that build's class loader: n steps of a {@link Driver}. */
public final class Stepper implements LongUnaryOperator {
    private final Driver d = new Driver(new Workload(2048, 7));

    @Override
    public long applyAsLong(long n) {
        for (long i = 0; i < n; i++) {
            d.step();
        }
        return d.outputs;
    }
}
