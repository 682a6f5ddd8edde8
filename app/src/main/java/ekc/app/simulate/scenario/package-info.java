/**
 * Scenario files: a whole contact centre (call volume and its daily profile, Yana's outcomes, topics,
 * second-line queues in every region, operator groups and shifts) as YAML, validated with errors
 * that name the field; and the one-queue scenario the command-line options describe.
 */
package ekc.app.simulate.scenario;
