package ekc.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Call ids, which are also card numbers. Thread-safe; used by every adapter that starts a call.
 * Seeded from a start time so numbers stay unique across restarts of one installation.
 */
public final class CallIds {

    private final AtomicLong next;

    /** @param startMillis wall-clock millis at start-up; ids begin at startMillis × 100 (room for 100,000 calls/s). */
    public CallIds(long startMillis) {
        this.next = new AtomicLong(startMillis * 100L);
    }

    public long next() {
        return next.incrementAndGet();
    }
}
