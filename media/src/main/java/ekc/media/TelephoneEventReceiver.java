package ekc.media;

import io.netty.buffer.ByteBuf;

/**
 * RFC 4733 telephone-event reception for one stream. An event is one RTP timestamp: its first packet
 * (marker set, or just a timestamp not seen before — the marker packet may be lost) reports the digit; the
 * continuation packets and the end packet, sent three times, repeat that timestamp and are ignored. A lone
 * end packet whose start was lost still reports the digit once. One thread.
 */
final class TelephoneEventReceiver {

    private boolean seen;
    private int lastTimestamp;

    /** Returns the digit when this packet starts a new event, 0 otherwise. */
    char process(int timestamp, ByteBuf b, int offset, int length) {
        if (length < 4) {
            return 0;
        }
        if (seen && timestamp == lastTimestamp) {
            return 0;
        }
        seen = true;
        lastTimestamp = timestamp;
        return Dtmf.digitOf(b.getUnsignedByte(offset));
    }

    void reset() {
        seen = false;
    }
}
