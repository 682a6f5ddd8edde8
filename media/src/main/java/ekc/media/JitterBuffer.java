package ekc.media;

import io.netty.buffer.ByteBuf;

/**
 * An adaptive jitter buffer for one incoming stream of 20 ms G.711 frames, for the audio that goes to VAD,
 * speech recognition and recordings (bridged audio bypasses it). Frames are slotted by sequence number, so
 * reordered packets fall into place, duplicates and late packets are dropped, and a hole at playout time is
 * reported as {@link #LOST} for concealment. The playout delay starts at 2 frames, grows by one frame after
 * each underrun (up to 10 = 200 ms) and shrinks by one after 10 s without underrun (dropping a frame when more
 * than the new target is queued). One thread (the leg's event loop).
 */
final class JitterBuffer {

    static final int AUDIO = 0;
    static final int LOST = 1;
    /** Nothing to play yet (start, or refilling after an underrun). */
    static final int WAITING = 2;

    private static final int SLOTS = 64;
    private static final int FRAME = Prompt.FRAME;
    static final int MIN_DEPTH = 2;
    static final int MAX_DEPTH = 10;
    private static final int CALM_POLLS = 500;

    private final byte[][] audio = new byte[SLOTS][FRAME];
    private final int[] lengths = new int[SLOTS];
    private final int[] seqs = new int[SLOTS];
    private final int[] payloadTypes = new int[SLOTS];
    private final boolean[] present = new boolean[SLOTS];
    private boolean started;
    private boolean filling = true;
    private boolean played;
    private int next;          // sequence number to play next
    private int highest;       // highest sequence number stored
    private int count;
    private int target = MIN_DEPTH;
    private int calm;
    private int lastPayloadType;
    private long late;
    private long duplicates;
    private long concealedFrames;
    private long dropped;

    /** Stores a packet's payload (20 ms = 160 bytes expected; longer payloads are cut, shorter padded). */
    void put(int seq, int payloadType, ByteBuf b, int offset, int length) {
        if (!started) {
            started = true;
            next = seq;
            highest = seq;
        }
        int ahead = (short) (seq - next);
        if (ahead < 0) {
            late++;
            return;
        }
        if (ahead >= SLOTS) {
            // A jump far ahead (the sender skipped or restarted): start again from here.
            reset();
            started = true;
            next = seq;
            highest = seq;
        }
        int slot = seq & (SLOTS - 1);
        if (present[slot]) {
            duplicates++;
            return;
        }
        int n = Math.min(length, FRAME);
        b.getBytes(offset, audio[slot], 0, n);
        if (n < FRAME) {
            java.util.Arrays.fill(audio[slot], n, FRAME, G711.silence(payloadType));
        }
        lengths[slot] = n;
        seqs[slot] = seq;
        payloadTypes[slot] = payloadType;
        present[slot] = true;
        count++;
        if ((short) (seq - highest) > 0) {
            highest = seq;
        }
    }

    /** Every 20 ms: fills {@code out} with the next frame when the result is {@link #AUDIO}. */
    int poll(byte[] out) {
        if (!started) {
            return WAITING;
        }
        if (filling) {
            if (count == 0 || ((short) (highest - next)) + 1 < target) {
                return played ? LOST : WAITING;
            }
            filling = false;
            played = true;
        }
        if (++calm > CALM_POLLS && target > MIN_DEPTH) {
            // No underrun for a while: the network calmed down; keep less, dropping a frame if too much is queued.
            calm = 0;
            target--;
            if (count > target) {
                skip();
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
        int slot = next & (SLOTS - 1);
        next = (next + 1) & 0xFFFF;
        if (present[slot] && seqs[slot] == ((next - 1) & 0xFFFF)) {
            present[slot] = false;
            count--;
            System.arraycopy(audio[slot], 0, out, 0, FRAME);
            lastPayloadType = payloadTypes[slot];
            return AUDIO;
        }
        concealedFrames++;
        return LOST;
    }

    private void skip() {
        int slot = next & (SLOTS - 1);
        if (present[slot]) {
            present[slot] = false;
            count--;
        }
        next = (next + 1) & 0xFFFF;
    }

    void reset() {
        java.util.Arrays.fill(present, false);
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

    int queued() {
        return count;
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
