package ekc.engine;

/**
 * Where the engine's decisions go. Called on the engine thread; implementations hand off
 * (a queue, a ring) and return at once. {@link #endOfBatch} marks the end of a ring batch: the
 * place to flush.
 */
public interface Outputs {

    void command(Command command);

    void fact(CardEvent event);

    default void endOfBatch() {}
}
