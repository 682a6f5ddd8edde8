package ekc.media;

import io.netty.buffer.ByteBuf;

/** Reading and writing RTP headers (RFC 3550 §5.1) in place in a {@link ByteBuf}. Stateless. */
final class RtpPacket {

    static final int HEADER = 12;

    private RtpPacket() {}

    static void writeHeader(ByteBuf b, boolean marker, int payloadType, int seq, int timestamp, int ssrc) {
        b.writeByte(0x80);
        b.writeByte((marker ? 0x80 : 0) | (payloadType & 0x7F));
        b.writeShort(seq);
        b.writeInt(timestamp);
        b.writeInt(ssrc);
    }

    /** RTCP on the RTP port (RFC 5761 §4): packet types 192–223 land in this byte's range. */
    static boolean isRtcp(ByteBuf b) {
        if (b.readableBytes() < 2) {
            return false;
        }
        int pt = b.getUnsignedByte(b.readerIndex() + 1);
        return pt >= 192 && pt <= 223;
    }

    /** Version 2, and the header, CSRCs, extension and padding fit in the datagram. */
    static boolean valid(ByteBuf b) {
        int len = b.readableBytes();
        if (len < HEADER) {
            return false;
        }
        int first = b.getUnsignedByte(b.readerIndex());
        if ((first >> 6) != 2) {
            return false;
        }
        return payloadOffset(b) <= len && payloadLength(b) >= 0;
    }

    static int payloadType(ByteBuf b) {
        return b.getUnsignedByte(b.readerIndex() + 1) & 0x7F;
    }

    static boolean marker(ByteBuf b) {
        return (b.getUnsignedByte(b.readerIndex() + 1) & 0x80) != 0;
    }

    static int sequence(ByteBuf b) {
        return b.getUnsignedShort(b.readerIndex() + 2);
    }

    static int timestamp(ByteBuf b) {
        return b.getInt(b.readerIndex() + 4);
    }

    static int ssrc(ByteBuf b) {
        return b.getInt(b.readerIndex() + 8);
    }

    /** Absolute index of the payload. */
    static int payloadOffset(ByteBuf b) {
        int start = b.readerIndex();
        int first = b.getUnsignedByte(start);
        int offset = HEADER + 4 * (first & 0x0F);
        if ((first & 0x10) != 0) {
            if (start + offset + 4 > b.writerIndex()) {
                return Integer.MAX_VALUE;
            }
            offset += 4 + 4 * b.getUnsignedShort(start + offset + 2);
        }
        return start + offset;
    }

    static int payloadLength(ByteBuf b) {
        int start = b.readerIndex();
        int end = b.writerIndex();
        int offset = payloadOffset(b);
        if (offset > end) {
            return -1;
        }
        int padding = (b.getUnsignedByte(start) & 0x20) != 0 && end > offset ? b.getUnsignedByte(end - 1) : 0;
        return end - offset - padding;
    }
}
