package ekc.engine;

import java.util.PriorityQueue;

/**
 * Runs on the engine thread. A hashed timing wheel with one-millisecond buckets, so a timer fires
 * at exactly its due millisecond of engine time, and timers due in the same millisecond fire in the
 * order they were scheduled. Timers further out than the wheel's span (65.5 s) wait in a heap and
 * move into the wheel as time approaches them. Time only moves when the engine calls
 * {@link #advanceTo}.
 */
final class TimingWheel {

    /** Receives due timers, with the engine time set to each timer's due millisecond. */
    interface Firing {
        void fire(Timer timer, long due);
    }

    static final int SIZE = 1 << 16;
    private static final int MASK = SIZE - 1;

    private static final int WORDS = SIZE / 64;

    private final Timer[] buckets = new Timer[SIZE];
    private static final int SUMMARY = WORDS / 64;

    private final long[] occupied = new long[WORDS];
    private final long[] summary = new long[SUMMARY];
    private final PriorityQueue<Timer> far = new PriorityQueue<>((a, b) -> a.due != b.due
            ? Long.compare(a.due, b.due) : Long.compare(a.order, b.order));
    private long cursor = Long.MIN_VALUE; // every timer due at or before the cursor has fired
    private int inWheel;
    private long order;
    /**
     * No timer in the wheel is due before this (a lower bound: linking lowers it, a cancel leaves it,
     * a scan of the bitmap sets it exactly), so most advances skip the bitmap scan.
     */
    private long wheelLow = Long.MAX_VALUE;

    /** The time all timers up to which have fired; {@code Long.MIN_VALUE} before the first advance. */
    long cursor() {
        return cursor;
    }

    int size() {
        return inWheel + far.size();
    }

    /** (Re)schedules: a pending timer is moved. A due time not after the cursor fires on the next advance. */
    void schedule(Timer t, long due) {
        cancel(t);
        if (cursor != Long.MIN_VALUE && due <= cursor) {
            due = cursor + 1;
        }
        t.due = due;
        t.order = ++order;
        if (cursor != Long.MIN_VALUE && due - cursor < SIZE) {
            link(t);
        } else {
            t.where = Timer.FAR;
            far.add(t);
        }
    }

    void cancel(Timer t) {
        if (t.where == Timer.WHEEL) {
            unlink(t);
        } else if (t.where == Timer.FAR) {
            far.remove(t);
            t.where = Timer.IDLE;
        }
    }

    /** Fires, in due order, every timer due at or before {@code now}. */
    void advanceTo(long now, Firing firing) {
        if (cursor == Long.MIN_VALUE) {
            cursor = now - 1;
            migrate();
        }
        if (now < wheelLow && cursor < now) {
            Timer f = far.peek();
            if (f == null || f.due - now >= SIZE) {
                cursor = now; // nothing due and nothing to migrate up to now: what the loop below would do
                return;
            }
        }
        while (cursor < now) {
            long next = nextInWheel();
            Timer f = far.peek();
            if (f != null && (next == Long.MAX_VALUE || f.due < next)) {
                next = f.due;
            }
            if (next > now) {
                cursor = now;
                migrate();
                return;
            }
            // jump over empty milliseconds straight to the next due one
            cursor = next - 1;
            migrate();
            cursor = next;
            int b = (int) (next & MASK);
            Timer t;
            while ((t = buckets[b]) != null) {
                unlink(t);
                firing.fire(t, t.due);
            }
        }
    }

    /**
     * Due time of the earliest timer in the wheel, from the occupancy bitmap and its summary (one bit
     * per bitmap word), so an almost empty wheel costs a few word reads; MAX_VALUE when empty.
     */
    private long nextInWheel() {
        if (inWheel == 0) {
            wheelLow = Long.MAX_VALUE;
            return Long.MAX_VALUE;
        }
        int from = (int) ((cursor + 1) & MASK);
        int w = from >>> 6;
        long word = occupied[w] & (-1L << (from & 63));
        if (word == 0) {
            w = nextWord((w + 1) & (WORDS - 1));
            word = occupied[w]; // when it wrapped around to the start word, its low bits are the latest timers
        }
        int b = (w << 6) + Long.numberOfTrailingZeros(word);
        wheelLow = cursor + 1 + ((b - from) & MASK);
        return wheelLow;
    }

    /** The first bitmap word at or after {@code start} (circularly) with a timer in it. */
    private int nextWord(int start) {
        int sw = start >>> 6;
        long bits = summary[sw] & (-1L << (start & 63));
        for (int i = 0; i <= SUMMARY; i++) {
            if (bits != 0) {
                return (sw << 6) + Long.numberOfTrailingZeros(bits);
            }
            sw = (sw + 1) & (SUMMARY - 1);
            bits = summary[sw];
        }
        throw new IllegalStateException("timer count " + inWheel + " but no bucket occupied");
    }

    private void migrate() {
        Timer t;
        while ((t = far.peek()) != null && t.due - cursor < SIZE) {
            far.poll();
            t.where = Timer.IDLE;
            if (t.due <= cursor) {
                t.due = cursor + 1; // only when the first advance starts after it was scheduled
            }
            link(t);
        }
    }

    private void link(Timer t) {
        int b = (int) (t.due & MASK);
        Timer head = buckets[b];
        // append, so timers of one millisecond fire in scheduling order
        if (head == null) {
            buckets[b] = t;
            occupied[b >>> 6] |= 1L << (b & 63);
            summary[b >>> 12] |= 1L << ((b >>> 6) & 63);
            t.prev = t;
            t.next = null;
        } else {
            Timer tail = head.prev;
            tail.next = t;
            t.prev = tail;
            t.next = null;
            head.prev = t;
        }
        t.where = Timer.WHEEL;
        inWheel++;
        if (t.due < wheelLow) {
            wheelLow = t.due;
        }
    }

    private void unlink(Timer t) {
        int b = (int) (t.due & MASK);
        Timer head = buckets[b];
        if (t == head) {
            Timer n = t.next;
            if (n != null) {
                n.prev = t.prev;
            }
            buckets[b] = n;
            if (n == null) {
                int w = b >>> 6;
                occupied[w] &= ~(1L << (b & 63));
                if (occupied[w] == 0) {
                    summary[w >>> 6] &= ~(1L << (w & 63));
                }
            }
        } else {
            t.prev.next = t.next;
            if (t.next != null) {
                t.next.prev = t.prev;
            } else {
                head.prev = t.prev;
            }
        }
        t.prev = null;
        t.next = null;
        t.where = Timer.IDLE;
        inWheel--;
    }
}
