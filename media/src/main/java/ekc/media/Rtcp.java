package ekc.media;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;

/**
 * RTCP for one leg (RFC 3550 §6): writes a compound packet — a sender report when we sent since the last
 * report, a receiver report otherwise, with one report block on the peer's stream (fraction and cumulative
 * lost, extended highest sequence, jitter, LSR/DLSR), then SDES CNAME, and BYE when the leg closes — and reads
 * the peer's SR/RR to learn how our stream fares at the other end. One thread (the leg's event loop); the
 * figures read by {@link RtpStats.Counter#snapshot} are volatile, or release-stored where they change per packet.
 */
final class Rtcp {

    private static final long NTP_EPOCH_OFFSET_SECONDS = 2_208_988_800L;

    private final int ssrc;
    private final byte[] cname;
    // Per packet sent: release stores (no fence per packet), read by snapshots with acquire loads.
    private long packetsSent;
    private long octetsSent;
    private static final VarHandle PACKETS_SENT = Fields.of(MethodHandles.lookup(), "packetsSent", long.class);
    private static final VarHandle OCTETS_SENT = Fields.of(MethodHandles.lookup(), "octetsSent", long.class);

    private long packetsAtLastReport;
    private int lastRtpTimestamp;
    private long lastSentAt;
    // From the peer's last SR: the middle 32 bits of its NTP time, and when it arrived (for LSR/DLSR).
    private long peerLsr;
    private long peerSrArrivedAt;
    private volatile int remoteFractionLost;
    private volatile long remoteCumulativeLost;
    private volatile long remoteJitter;
    private volatile long reportsReceived;

    Rtcp(int ssrc, String cname) {
        this.ssrc = ssrc;
        this.cname = cname.getBytes(StandardCharsets.US_ASCII);
    }

    void sent(int payloadBytes, int rtpTimestamp, long now) {
        PACKETS_SENT.setRelease(this, packetsSent + 1);
        OCTETS_SENT.setRelease(this, octetsSent + payloadBytes);
        lastRtpTimestamp = rtpTimestamp;
        lastSentAt = now;
    }

    void write(ByteBuf b, RtpStats.Counter in, long now, boolean bye) {
        boolean sender = packetsSent != packetsAtLastReport;
        packetsAtLastReport = packetsSent;
        int blocks = in.started() ? 1 : 0;
        int start = b.writerIndex();
        b.writeByte(0x80 | blocks);
        b.writeByte(sender ? 200 : 201);
        b.writeShort(0); // length, filled below
        b.writeInt(ssrc);
        if (sender) {
            long ntp = ntp(now);
            b.writeInt((int) (ntp >>> 32));
            b.writeInt((int) ntp);
            // The RTP timestamp that corresponds to that NTP time, extrapolated from the last packet sent.
            b.writeInt(lastRtpTimestamp + (int) ((now - lastSentAt) * 8));
            b.writeInt((int) packetsSent);
            b.writeInt((int) octetsSent);
        }
        if (blocks == 1) {
            b.writeInt(in.ssrc());
            long lost = Math.max(-0x800000, Math.min(0x7FFFFF, in.lost()));
            b.writeInt((in.fractionLostInterval() << 24) | (int) (lost & 0xFFFFFF));
            b.writeInt((int) in.extendedMax());
            b.writeInt((int) in.jitterUnits());
            b.writeInt((int) peerLsr);
            b.writeInt(peerSrArrivedAt == 0 ? 0 : (int) ((now - peerSrArrivedAt) * 65536 / 1000));
        }
        finish(b, start);
        // SDES with the CNAME item, padded to a 32-bit boundary with at least one zero byte.
        start = b.writerIndex();
        b.writeByte(0x81);
        b.writeByte(202);
        b.writeShort(0);
        b.writeInt(ssrc);
        b.writeByte(1);
        b.writeByte(cname.length);
        b.writeBytes(cname);
        do {
            b.writeByte(0);
        } while ((b.writerIndex() - start) % 4 != 0);
        finish(b, start);
        if (bye) {
            b.writeByte(0x81);
            b.writeByte(203);
            b.writeShort(1);
            b.writeInt(ssrc);
        }
    }

    private static void finish(ByteBuf b, int start) {
        b.setShort(start + 2, (b.writerIndex() - start) / 4 - 1);
    }

    /** Reads a compound packet from the peer; malformed parts are skipped, never thrown. */
    void receive(ByteBuf b, long now) {
        int pos = b.readerIndex();
        int end = b.writerIndex();
        while (pos + 8 <= end) {
            int first = b.getUnsignedByte(pos);
            if ((first >> 6) != 2) {
                return;
            }
            int count = first & 0x1F;
            int type = b.getUnsignedByte(pos + 1);
            int length = (b.getUnsignedShort(pos + 2) + 1) * 4;
            if (pos + length > end) {
                return;
            }
            int blocksAt;
            if (type == 200) {
                if (length < 28) {
                    return;
                }
                long ntp = b.getLong(pos + 8);
                peerLsr = (ntp >>> 16) & 0xFFFFFFFFL;
                peerSrArrivedAt = now;
                blocksAt = pos + 28;
            } else if (type == 201) {
                blocksAt = pos + 8;
            } else {
                pos += length;
                continue;
            }
            for (int i = 0; i < count && blocksAt + 24 <= pos + length; i++, blocksAt += 24) {
                if (b.getInt(blocksAt) == ssrc) {
                    int word = b.getInt(blocksAt + 4);
                    remoteFractionLost = word >>> 24;
                    remoteCumulativeLost = (word << 8) >> 8;
                    remoteJitter = b.getUnsignedInt(blocksAt + 12);
                    reportsReceived++;
                }
            }
            pos += length;
        }
    }

    static long ntp(long millis) {
        long seconds = millis / 1000 + NTP_EPOCH_OFFSET_SECONDS;
        long fraction = ((millis % 1000) << 32) / 1000;
        return (seconds << 32) | fraction;
    }

    long packetsSent() {
        return (long) PACKETS_SENT.getAcquire(this);
    }

    long octetsSent() {
        return (long) OCTETS_SENT.getAcquire(this);
    }

    int remoteFractionLost() {
        return remoteFractionLost;
    }

    long remoteCumulativeLost() {
        return remoteCumulativeLost;
    }

    long remoteJitterUnits() {
        return remoteJitter;
    }

    long reportsReceived() {
        return reportsReceived;
    }
}
