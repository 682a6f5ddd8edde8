/**
 * Asterisk integration: the manager interface (AMI) through asterisk-java's
 * {@code ManagerConnection}, and a FastAGI server through its {@code DefaultAgiServer}.
 * An operator whose phone is on Asterisk is an agent like any other: device, extension and queue
 * member state, bridges and hang-ups become engine {@link ekc.engine.Input}s; the engine's
 * commands for those agents become Originate, Redirect and Hangup actions.
 * {@link ekc.asterisk.AsteriskAdapter} is the one public entry point.
 */
package ekc.asterisk;
