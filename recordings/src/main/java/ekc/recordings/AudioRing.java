package ekc.recordings;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The audio frames between the media event loops (many producers, {@link #offer}) and the journal's audio thread
 * (one consumer, {@link #poll}): a bounded lock-free array ring whose slots hold the frame's fields and a copy of its
 * payload, so a frame costs one copy and no allocation (it was a record, a payload clone and a queue node each).
 * Each slot carries a sequence number (Vyukov's bounded queue): a producer claims a position with one CAS, writes the
 * slot and publishes it with a release store; the consumer reads it after an acquire load and hands the slot back.
 * Slot storage is allocated a page at a time as the ring first fills, so an idle journal holds little memory.
 */
final class AudioRing {

    /** Payload bytes a slot holds in place: 20 ms of G.711. Longer payloads are cloned into the slot (rare). */
    static final int SLOT_PAYLOAD = 160;
    private static final int PAGE_SHIFT = 12;
    private static final int PAGE = 1 << PAGE_SHIFT;
    private static final VarHandle SEQUENCE = MethodHandles.arrayElementVarHandle(long[].class);

    /** One page of slots; its plain fields are published by the slot's sequence store. */
    private static final class Page {
        final long[] card = new long[PAGE];
        final long[] time = new long[PAGE];
        /** payload length << 16 | fromCaller << 8 | payload type */
        final int[] meta = new int[PAGE];
        final byte[] payload = new byte[PAGE * SLOT_PAYLOAD];
        final byte[][] oversize = new byte[PAGE][];
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
        Page p = page(i);
        int s = i & (PAGE - 1);
        p.card[s] = card;
        p.time[s] = timeMillis;
        p.meta[s] = length << 16 | (fromCaller ? 1 << 8 : 0) | (payloadType & 0xFF);
        if (length <= SLOT_PAYLOAD) {
            System.arraycopy(payload, offset, p.payload, s * SLOT_PAYLOAD, length);
            p.oversize[s] = null;
        } else {
            byte[] copy = new byte[length];
            System.arraycopy(payload, offset, copy, 0, length);
            p.oversize[s] = copy;
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
        int meta = p.meta[s];
        int length = meta >>> 16;
        byte[] big = p.oversize[s];
        if (big != null) {
            p.oversize[s] = null;
            reader.frame(p.card[s], (meta & 1 << 8) != 0, p.time[s], meta & 0xFF, big, 0, length);
        } else {
            reader.frame(p.card[s], (meta & 1 << 8) != 0, p.time[s], meta & 0xFF, p.payload, s * SLOT_PAYLOAD, length);
        }
        SEQUENCE.setRelease(sequence, i, head + mask + 1);
        head++;
        consumed = head;
        return true;
    }

    /** Frames offered so far (claimed positions). Any thread. */
    long offered() {
        return tail.get();
    }

    /** True when every frame offered so far has been polled. Any thread. */
    boolean isEmpty() {
        return consumed >= tail.get();
    }

    private Page page(int slot) {
        int n = slot >> PAGE_SHIFT;
        Page p = pages.get(n);
        if (p == null) {
            Page made = new Page();
            p = pages.compareAndSet(n, null, made) ? made : pages.get(n);
        }
        return p;
    }
}
