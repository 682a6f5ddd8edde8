package ekc.robot;

/**
 * Where the time went between the end of a caller's utterance and Yana's reply, for one reply
 * (a health and benchmark figure; {@link System#nanoTime()} stamps). Made on the call's robot worker.
 *
 * @param callId        the call
 * @param prompt        the reply's first prompt, {@code <language>/<name>}
 * @param endQueued     when media handed over the first silence frame after speech (the VAD's end of utterance)
 * @param endRun        when the worker got to that frame: {@code endRun - endQueued} is the backlog
 * @param recognized    when Vosk's final result was read
 * @param matched       when the dialog had decided what to say
 * @param played        when {@link Voice#play} was called
 * @param early         decided on a stable partial result, before the end of the utterance (then the
 *                      first three stamps are those of the partial that decided it)
 */
public record ReplyTiming(long callId, String prompt, long endQueued, long endRun, long recognized, long matched,
                          long played, boolean early) {

    public long backlogNanos() {
        return endRun - endQueued;
    }

    public long recognitionNanos() {
        return recognized - endRun;
    }

    public long decisionNanos() {
        return matched - recognized;
    }

    public long playNanos() {
        return played - matched;
    }

    public long totalNanos() {
        return played - endQueued;
    }
}
