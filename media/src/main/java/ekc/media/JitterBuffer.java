package ekc.media;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * An adaptive jitter buffer for one incoming G.711 stream, for the audio that goes to VAD, speech recognition
 * and recordings (bridged audio bypasses it). Samples are placed by RTP timestamp, not by packet, so any
 * packetisation plays out as 20 ms frames: 10, 20, 30 (sip-tester's {@code g711a.pcap}), 40 or 60 ms packets.
 * Reordered packets fall into place, duplicates and late packets are dropped, and a frame with no sample at
 * playout time is reported as {@link #LOST} for concealment. The playout delay starts at 2 frames, grows by one
 * frame after each underrun (up to 10 = 200 ms) and shrinks by one after 10 s without underrun (dropping a frame
 * when more than the new target is queued). One thread (the leg's event loop).
 */
final class JitterBuffer {

    static final int AUDIO = 0;
    static final int LOST = 1;
    /** Nothing to play yet (start, or refilling after an underrun). */
    static final int WAITING = 2;

    private static final int FRAME = Prompt.FRAME;
    /** About 1 s of samples: room for the deepest playout delay plus a packet far ahead. */
    private static final int RING = 8192;
    private static final int MASK = RING - 1;
    static final int MIN_DEPTH = 2;
    static final int MAX_DEPTH = 10;
    private static final int CALM_POLLS = 500;

    // The rings (17 KiB) are made on the first packet: every leg has a buffer, but many legs never receive RTP
    // (a caller who hangs up at once, a peer that sends none), and at 1,300 calls/s they were 30 KB of garbage a call.
    private byte[] audio;
    /** One bit per sample: stored and not yet played (a bitmap: a frame's 160 samples are three words, not 160 flags). */
    private long[] present;
    private byte[] payloadTypes;
    private final boolean[] missing = new boolean[FRAME];
    private boolean started;
    private boolean filling = true;
    private boolean played;
    private int next;          // timestamp of the next sample to play
    private int end;           // timestamp just after the newest stored sample
    private int count;         // samples stored, not yet played
    private int target = MIN_DEPTH;
    private int calm;
    private int lastPayloadType;
    private long late;
    private long duplicates;
    private long concealedFrames;
    private long dropped;

    /** Stores a packet's payload, one byte per sample starting at RTP timestamp {@code timestamp}. */
    void put(int timestamp, int payloadType, ByteBuf b, int offset, int length) {
        if (length <= 0) {
            return;
        }
        length = Math.min(length, RING / 2);
        if (audio == null) {
            audio = new byte[RING];
            present = new long[RING / 64];
            payloadTypes = new byte[RING];
        }
        if (!started) {
            started = true;
            next = timestamp;
            end = timestamp;
        }
        int ahead = timestamp - next;
        if (ahead + length <= 0) {
            late++;
            return;
        }
        if (ahead + length > RING - FRAME) {
            // A jump far ahead (the sender skipped, resumed after a long pause, or restarted): start again here.
            reset();
            started = true;
            next = timestamp;
            end = timestamp;
            ahead = 0;
        }
        int skip = Math.max(0, -ahead); // the part already played is late; keep the rest
        if (isPresent((timestamp + skip) & MASK)) {
            duplicates++;
            return;
        }
        // Bulk copies (at most two pieces around the ring's end): this runs for every packet of every leg.
        int from = timestamp + skip;
        int n = length - skip;
        while (n > 0) {
            int slot = from & MASK;
            int piece = Math.min(n, RING - slot);
            b.getBytes(offset + (from - timestamp), audio, slot, piece);
            Arrays.fill(payloadTypes, slot, slot + piece, (byte) payloadType);
            count += mark(slot, piece);
            from += piece;
            n -= piece;
        }
        if (timestamp + length - end > 0) {
            end = timestamp + length;
        }
    }

    /** Every 20 ms: fills {@code out} with the next 160 samples when the result is {@link #AUDIO}. */
    int poll(byte[] out) {
        if (!started) {
            return WAITING;
        }
        if (filling) {
            if (count > 0) {
                resumeAtFirstSample();
            }
            if (count == 0 || end - next < target * FRAME) {
                return played ? LOST : WAITING;
            }
            filling = false;
            played = true;
        }
        if (++calm > CALM_POLLS && target > MIN_DEPTH) {
            // No underrun for a while: the network calmed down; keep less, dropping a frame if too much is queued.
            calm = 0;
            target--;
            if (count > target * FRAME) {
                skipFrame();
                dropped++;
            }
        }
        if (count == 0) {
            // Underrun: the next packet is late, lost, or the sender paused (DTX); wait for more, keep more.
            filling = true;
            calm = 0;
            if (target < MAX_DEPTH) {
                target++;
            }
            concealedFrames++;
            return LOST;
        }
        int found = 0;
        int slot0 = next & MASK;
        if (slot0 + FRAME <= RING && presentIn(slot0, FRAME) == FRAME) {
            // The usual case, a whole frame: one copy.
            System.arraycopy(audio, slot0, out, 0, FRAME);
            unmark(slot0, FRAME);
            count -= FRAME;
            found = FRAME;
            lastPayloadType = payloadTypes[slot0];
        } else {
            for (int i = 0; i < FRAME; i++) {
                int slot = (next + i) & MASK;
                missing[i] = !isPresent(slot);
                if (!missing[i]) {
                    unmark(slot, 1);
                    count--;
                    out[i] = audio[slot];
                    if (found++ == 0) {
                        lastPayloadType = payloadTypes[slot];
                    }
                }
            }
        }
        next += FRAME;
        if (found == 0) {
            concealedFrames++;
            return LOST;
        }
        if (found < FRAME) {
            // Part of a frame (a lost packet of another size than 20 ms): the missing samples are silence.
            byte silence = G711.silence(lastPayloadType);
            for (int i = 0; i < FRAME; i++) {
                if (missing[i]) {
                    out[i] = silence;
                }
            }
        }
        return AUDIO;
    }

    /**
     * While refilling, a gap longer than the playout delay before the first stored sample is a pause in the
     * sender's stream (silence suppression), not loss: play from the first sample instead of the gap.
     */
    private void resumeAtFirstSample() {
        int gap = 0;
        while (gap < end - next && !isPresent((next + gap) & MASK)) {
            gap++;
        }
        if (gap > target * FRAME) {
            next += gap;
        }
    }

    private boolean isPresent(int slot) {
        return (present[slot >>> 6] & 1L << slot) != 0; // a long shift takes the low 6 bits of slot
    }

    /** The bits of samples [slot, slot + n) within word {@code slot >>> 6}, and how many samples that word covers. */
    private static long bits(int slot, int n) {
        int bit = slot & 63;
        int take = Math.min(64 - bit, n);
        return (take == 64 ? -1L : (1L << take) - 1) << bit;
    }

    private static int taken(int slot, int n) {
        return Math.min(64 - (slot & 63), n);
    }

    /** Marks samples [slot, slot + n) stored (no wrap); returns how many were not stored before. */
    private int mark(int slot, int n) {
        int added = 0;
        while (n > 0) {
            long m = bits(slot, n);
            added += Long.bitCount(m & ~present[slot >>> 6]);
            present[slot >>> 6] |= m;
            int t = taken(slot, n);
            slot += t;
            n -= t;
        }
        return added;
    }

    /** Marks samples [slot, slot + n) played (no wrap). */
    private void unmark(int slot, int n) {
        while (n > 0) {
            present[slot >>> 6] &= ~bits(slot, n);
            int t = taken(slot, n);
            slot += t;
            n -= t;
        }
    }

    /** How many of samples [slot, slot + n) are stored (no wrap). */
    private int presentIn(int slot, int n) {
        int found = 0;
        while (n > 0) {
            found += Long.bitCount(present[slot >>> 6] & bits(slot, n));
            int t = taken(slot, n);
            slot += t;
            n -= t;
        }
        return found;
    }

    private void skipFrame() {
        for (int i = 0; i < FRAME; i++) {
            int slot = (next + i) & MASK;
            if (isPresent(slot)) {
                unmark(slot, 1);
                count--;
            }
        }
        next += FRAME;
    }

    void reset() {
        if (present != null) {
            Arrays.fill(present, 0L);
        }
        count = 0;
        started = false;
        filling = true;
        played = false;
        calm = 0;
    }

    int lastPayloadType() {
        return lastPayloadType;
    }

    int target() {
        return target;
    }

    /** Whole frames' worth of samples stored, not yet played. */
    int queued() {
        return count / FRAME;
    }

    long late() {
        return late;
    }

    long duplicates() {
        return duplicates;
    }

    long concealed() {
        return concealedFrames;
    }

    long dropped() {
        return dropped;
    }
}
