/**
 * {@code ekc simulate}: a discrete-event simulator that drives the real {@link ekc.engine.Engine} in
 * virtual time. {@link ekc.app.simulate.Simulation} plays citizens, Yana and operators from the
 * {@code generator}s, feeds the engine its inputs at their virtual times, reacts to its commands,
 * and counts its card facts into a {@code report}. Whole contact centres come from {@code scenario}
 * files. Everything runs on the calling thread; a seed makes a run repeatable.
 */
package ekc.app.simulate;
