package ekc.recordings;

import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The audio frames between the media event loops (many producers, {@link #offer}) and the journal's audio thread
 * (one consumer, {@link #poll}): a bounded lock-free array ring whose slots hold the frame's fields and a copy of its
 * payload, so a frame costs one copy and no allocation (it was a record, a payload clone and a queue node each).
 * Each slot carries a sequence number (Vyukov's bounded queue): a producer claims a position with one CAS, writes the
 * slot and publishes it with a release store; the consumer reads it after an acquire load and hands the slot back.
 * Slot storage is allocated a page at a time as the ring first fills, so an idle journal holds little memory, and off
 * the Java heap, so the collector never copies it.
 */
final class AudioRing {

    /** Payload bytes a slot holds in place: 20 ms of G.711. Longer payloads are cloned into the slot (rare). */
    static final int SLOT_PAYLOAD = 160;
    private static final int PAGE_SHIFT = 12;
    private static final int PAGE = 1 << PAGE_SHIFT;
    private static final int CARD = 0;
    private static final int TIME = 8;
    /** payload length << 16 | fromCaller << 8 | payload type */
    private static final int META = 16;
    private static final int PAYLOAD = 20;
    private static final int SLOT_BYTES = 184; // 180 rounded up to keep the longs 8-byte aligned
    private static final VarHandle SEQUENCE = MethodHandles.arrayElementVarHandle(long[].class);

    /**
     * One page of slots, off the Java heap: a slot is the card, the time, the meta word and 160 payload bytes. The pages
     * live as long as the ring, and on the heap every young collection copied them while they were young: 190 MB at
     * 2^20 slots, filled within 10 s at 1,000 calls (pauses of 60–200 ms). Their fields are published by the slot's
     * sequence store.
     */
    private static final class Page {
        final ByteBuffer slots = ByteBuffer.allocateDirect(PAGE * SLOT_BYTES).order(ByteOrder.nativeOrder());
        /**
         * Payloads longer than a slot, by slot; made when the page first holds one (a relayed 30–60 ms packet). Made
         * with every page, these 16 KB tables were what every young collection still copied at 1,000 calls (4 MB,
         * each of them up to 15 times before it was tenured); most pages never need one.
         */
        volatile byte[][] oversize;

        byte[][] oversize() {
            byte[][] o = oversize;
            if (o == null) {
                OVERSIZE.compareAndSet(this, null, new byte[PAGE][]);
                o = oversize;
            }
            return o;
        }
    }

    private static final VarHandle OVERSIZE;

    static {
        try {
            OVERSIZE = MethodHandles.lookup().findVarHandle(Page.class, "oversize", byte[][].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** What {@link #poll} hands the consumer; the payload is valid until the next poll. */
    interface Reader {
        void frame(long card, boolean fromCaller, long timeMillis, int payloadType, byte[] payload, int offset, int length);
    }

    private final int mask;
    private final long[] sequence;
    private final AtomicReferenceArray<Page> pages;
    private final AtomicLong tail = new AtomicLong();
    /** Consumer only. */
    private long head;
    /** Consumer only: the polled frame's payload, valid until the next poll. */
    private final byte[] polled = new byte[SLOT_PAYLOAD];
    private volatile long consumed;

    AudioRing(int capacity) {
        if (Integer.bitCount(capacity) != 1 || capacity < PAGE) {
            throw new IllegalArgumentException("capacity must be a power of two of at least " + PAGE + ", not " + capacity);
        }
        mask = capacity - 1;
        sequence = new long[capacity];
        for (int i = 0; i < capacity; i++) {
            sequence[i] = i;
        }
        pages = new AtomicReferenceArray<>(capacity >> PAGE_SHIFT);
        VarHandle.releaseFence();
    }

    /** Any thread: copies the frame into a free slot; false (nothing kept) when the ring is full. Never blocks. */
    boolean offer(long card, boolean fromCaller, long timeMillis, int payloadType, byte[] payload, int offset, int length) {
        long pos = tail.get();
        int i;
        while (true) {
            i = (int) (pos & mask);
            long dif = (long) SEQUENCE.getAcquire(sequence, i) - pos;
            if (dif == 0) {
                if (tail.weakCompareAndSetVolatile(pos, pos + 1)) {
                    break;
                }
                pos = tail.get();
            } else if (dif < 0) {
                return false; // the slot a lap behind is not consumed yet: full
            } else {
                pos = tail.get();
            }
        }
        Page p = page(i >> PAGE_SHIFT);
        int s = i & (PAGE - 1);
        int at = s * SLOT_BYTES;
        p.slots.putLong(at + CARD, card);
        p.slots.putLong(at + TIME, timeMillis);
        p.slots.putInt(at + META, length << 16 | (fromCaller ? 1 << 8 : 0) | (payloadType & 0xFF));
        if (length <= SLOT_PAYLOAD) {
            p.slots.put(at + PAYLOAD, payload, offset, length);
        } else {
            byte[] copy = new byte[length];
            System.arraycopy(payload, offset, copy, 0, length);
            p.oversize()[s] = copy;
        }
        SEQUENCE.setRelease(sequence, i, pos + 1);
        return true;
    }

    /** The consumer thread: hands the oldest frame to {@code reader} and frees its slot; false when empty. */
    boolean poll(Reader reader) {
        int i = (int) (head & mask);
        if ((long) SEQUENCE.getAcquire(sequence, i) != head + 1) {
            return false;
        }
        Page p = pages.get(i >> PAGE_SHIFT);
        int s = i & (PAGE - 1);
        int at = s * SLOT_BYTES;
        long card = p.slots.getLong(at + CARD);
        long time = p.slots.getLong(at + TIME);
        int meta = p.slots.getInt(at + META);
        int length = meta >>> 16;
        if (length > SLOT_PAYLOAD) {
            byte[][] oversize = p.oversize;
            byte[] big = oversize[s];
            oversize[s] = null;
            reader.frame(card, (meta & 1 << 8) != 0, time, meta & 0xFF, big, 0, length);
        } else {
            p.slots.get(at + PAYLOAD, polled, 0, length);
            reader.frame(card, (meta & 1 << 8) != 0, time, meta & 0xFF, polled, 0, length);
        }
        SEQUENCE.setRelease(sequence, i, head + mask + 1);
        head++;
        consumed = head;
        return true;
    }

    /** The consumer thread: true when {@link #poll} has a frame to hand over. */
    boolean ready() {
        return (long) SEQUENCE.getAcquire(sequence, (int) (head & mask)) == head + 1;
    }

    /** Frames offered so far (claimed positions). Any thread. */
    long offered() {
        return tail.get();
    }

    /** True when every frame offered so far has been polled. Any thread. */
    boolean isEmpty() {
        return consumed >= tail.get();
    }

    /**
     * Any thread (the consumer, between frames): takes the page the producers will need next, so a media loop does not
     * allocate and clear one (0.75 MB) itself when the ring first fills.
     */
    void prepareNextPage() {
        page((int) (((tail.get() & mask) >> PAGE_SHIFT) + 1) % pages.length());
    }

    private Page page(int n) {
        Page p = pages.get(n);
        if (p == null) {
            Page made = new Page();
            p = pages.compareAndSet(n, null, made) ? made : pages.get(n);
        }
        return p;
    }
}
