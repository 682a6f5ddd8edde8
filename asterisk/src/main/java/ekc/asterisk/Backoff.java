package ekc.asterisk;

/**
 * Waits between AMI login attempts: the first {@code min}, doubling to at most {@code max}, and
 * back to {@code min} after a successful login. Used by the {@code ekc-ami} thread alone.
 */
final class Backoff {

    private final long min;
    private final long max;
    private long next;

    Backoff(long min, long max) {
        this.min = min;
        this.max = max;
        this.next = min;
    }

    /** The wait before the next attempt; each call doubles the one after, up to the maximum. */
    long next() {
        long wait = next;
        next = Math.min(next * 2, max);
        return wait;
    }

    void reset() {
        next = min;
    }
}
