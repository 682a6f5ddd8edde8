package ekc.engine;

/**
 * Where the engine's decisions go without garbage. Called on the engine thread with the engine's one
 * reused {@link Output} slot: read it or copy it, then return; never keep the slot. Adapters that
 * want records implement {@link Outputs} instead and give that to the engine, which wraps it in a
 * {@link RecordOutputs} (one record per decision, made on the engine thread).
 */
@FunctionalInterface
public interface OutputSink {

    void accept(Output output);

    /** The end of a ring batch: the place to flush. */
    default void endOfBatch() {}
}
