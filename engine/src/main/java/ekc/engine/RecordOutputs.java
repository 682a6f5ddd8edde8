package ekc.engine;

/**
 * Runs on the thread that calls it (the engine thread when the engine was given an {@link Outputs}).
 * Turns each {@link Output} slot into its {@link Command} or {@link CardEvent} record for adapters
 * that take records; this is where those records are allocated.
 */
public final class RecordOutputs implements OutputSink {

    private final Outputs outputs;

    public RecordOutputs(Outputs outputs) {
        this.outputs = outputs;
    }

    @Override
    public void accept(Output output) {
        if (output.kind().command()) {
            outputs.command(output.toCommand());
        } else {
            outputs.fact(output.toFact());
        }
    }

    @Override
    public void endOfBatch() {
        outputs.endOfBatch();
    }
}
