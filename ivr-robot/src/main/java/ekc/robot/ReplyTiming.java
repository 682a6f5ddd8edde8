package ekc.robot;

/**
 * Where the time went between the end of a caller's utterance and Yana's reply, for one reply
 * (a health and benchmark figure; {@link System#nanoTime()} stamps). Made on the call's robot worker.
 *
 * @param callId        the call
 * @param prompt        the reply's first prompt, {@code <language>/<name>}
 * @param early         decided on a stable partial result, before the end of the utterance: then
 *                      {@code recognized}, {@code matched} and {@code played} come before {@code endQueued},
 *                      and {@link #totalNanos()} is negative (the reply started that much before the end)
 * @param aheadMillis   early: audio (media clock) from the frame that decided it to the end of the utterance; else 0
 * @param finalAgrees   early: whether the final transcript decides the same; always true otherwise
 * @param endQueued     when media handed over the first silence frame after speech (the VAD's end of utterance)
 * @param endRun        when the worker got to that frame: {@code endRun - endQueued} is the backlog
 * @param recognized    when Vosk's final result was read (early: the deciding partial)
 * @param matched       when the dialog had decided what to say
 * @param played        when {@link Voice#play} was called
 */
public record ReplyTiming(long callId, String prompt, boolean early, long aheadMillis, boolean finalAgrees,
                          long endQueued, long endRun, long recognized, long matched, long played) {

    public long backlogNanos() {
        return endRun - endQueued;
    }

    /** Vosk's final (0 for an early reply, which did not wait for it). */
    public long recognitionNanos() {
        return early ? 0 : recognized - endRun;
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
