/**
 * Random workload for the simulator, all drawn from one seeded generator: Poisson arrivals with a
 * rate by hour of day, exponential handling times and caller patience, operator shifts.
 */
package ekc.app.simulate.generator;
