package ekc.robot;

/**
 * Plays the media module's part for one call in tests: 20 ms frames at 16 kHz with a VAD flag
 * (an energy gate with a 200 ms hang-over, like the media VAD), on a simulated clock.
 */
final class Caller {

    static final int FRAME = 320;
    private static final int HANGOVER_FRAMES = 10;

    private final Robot robot;
    private final long callId;
    private long time = 1_000;

    Caller(Robot robot, long callId) {
        this.robot = robot;
        this.callId = callId;
    }

    /** Says {@code text} (espeak-ng), then half a second of silence ends the utterance. */
    void says(String language, String text) {
        short[] pcm = Speech.say(language, text);
        int hang = 0;
        for (int at = 0; at + FRAME <= pcm.length; at += FRAME) {
            short[] frame = java.util.Arrays.copyOfRange(pcm, at, at + FRAME);
            boolean loud = rms(frame) > 300;
            hang = loud ? HANGOVER_FRAMES : Math.max(0, hang - 1);
            robot.onAudio(callId, frame, FRAME, loud || hang > 0, time);
            time += 20;
        }
        silence(500);
    }

    /** Says {@code text} and is cut off at its end: no silence after it (the caller hangs up mid-utterance). */
    void startsSaying(String language, String text) {
        short[] pcm = Speech.say(language, text);
        for (int at = 0; at + FRAME <= pcm.length; at += FRAME) {
            short[] frame = java.util.Arrays.copyOfRange(pcm, at, at + FRAME);
            robot.onAudio(callId, frame, FRAME, true, time);
            time += 20;
        }
    }

    void silence(int millis) {
        short[] quiet = new short[FRAME];
        for (int t = 0; t < millis; t += 20) {
            robot.onAudio(callId, quiet, FRAME, false, time);
            time += 20;
        }
    }

    private static double rms(short[] frame) {
        double sum = 0;
        for (short s : frame) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / frame.length);
    }
}
