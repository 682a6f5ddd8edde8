package ekc.robot;

import java.util.function.Consumer;

/**
 * How Yana speaks: the app implements it with the media module ({@code MediaServer.play(legId,
 * prompt, onDone)} and {@code stopPlayback(legId)}). Called from the robot's worker threads.
 *
 * <p>{@code prompt} is {@code <language>/<name>}, e.g. {@code ru/greeting}: the 8 kHz WAV at
 * {@code /ekc/prompts/ru/greeting.wav} on the class path. {@code onDone} gets {@code true} when the
 * prompt was cut short by {@link #stopPlayback} (barge-in) and may be called from any thread,
 * exactly once per {@link #play}.
 */
public interface Voice {

    void play(long callId, String prompt, Consumer<Boolean> onDone);

    void stopPlayback(long callId);

    /**
     * Whether {@code prompt} has a recording to play. Yana checks every prompt she can say at start
     * and refuses to start with one missing, so an answer is never a missing-file silence. The
     * default looks where media looks first, {@code /ekc/prompts/<language>/<name>.wav} on the class
     * path; an implementation that plays from elsewhere too (media's {@code promptsDir}) says so here.
     * Called once per prompt from the thread that makes the {@link Robot}.
     */
    default boolean canSay(String prompt) {
        return Voice.class.getResource("/ekc/prompts/" + prompt + ".wav") != null;
    }
}
