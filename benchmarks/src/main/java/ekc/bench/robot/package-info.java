/**
 * Load harnesses for Yana: concurrent dialogs with real Vosk recognition paced at real time
 * ({@link ekc.bench.robot.RobotDialogsBench}), and Vosk's own end-point delay
 * ({@link ekc.bench.robot.VoskEndpointBench}). Run from the repository root after the build has
 * unpacked the English model into {@code models/vosk-model-en-us}.
 */
package ekc.bench.robot;
