package ekc.media;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes a libpcap file of RTP over UDP/IPv4/Ethernet, the input SIPp's {@code play_pcap_audio} replays.
 * Test helper; builds in memory.
 */
final class Pcap {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long micros;
    private int seq = 200;
    private int timestamp = 16_000;
    private final int ssrc = 0x5EED_0001;

    Pcap() {
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        out.writeBytes(h.array());
    }

    /** 20 ms audio frames of {@code pcm} (8 kHz), PCMU, one every 20 ms of capture time. */
    Pcap audio(short[] pcm) {
        byte[] payload = new byte[160];
        short[] frame = new short[160];
        for (int off = 0; off + 160 <= pcm.length; off += 160) {
            System.arraycopy(pcm, off, frame, 0, 160);
            G711.encode(G711.PCMU, frame, 0, 160, payload);
            packet(false, G711.PCMU, timestamp, payload);
            timestamp += 160;
            micros += 20_000;
        }
        return this;
    }

    /** An RFC 4733 digit of 100 ms (start, continuations, three ends), then 100 ms of silence frames. */
    Pcap digit(int eventPt, char digit) {
        int event = Dtmf.eventOf(digit);
        for (int i = 1; i <= 5; i++) {
            packet(i == 1, eventPt, timestamp, new byte[] {(byte) event, 10, 0, (byte) (160 * i)});
            micros += 20_000;
        }
        for (int i = 0; i < 3; i++) {
            packet(false, eventPt, timestamp, new byte[] {(byte) event, (byte) 0x8A, (byte) (800 >> 8), (byte) 800});
        }
        timestamp += 800;
        return audio(new short[800]);
    }

    double seconds() {
        return micros / 1e6;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private void packet(boolean marker, int pt, int ts, byte[] payload) {
        int rtpLength = 12 + payload.length;
        int udpLength = 8 + rtpLength;
        int ipLength = 20 + udpLength;
        ByteBuffer p = ByteBuffer.allocate(14 + ipLength).order(ByteOrder.BIG_ENDIAN);
        p.put(new byte[] {0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2}).putShort((short) 0x0800);
        int ipStart = p.position();
        p.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) 0).putShort((short) 0x4000)
                .put((byte) 64).put((byte) 17).putShort((short) 0).put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 1});
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += p.getShort(ipStart + i) & 0xFFFF;
        }
        sum = (sum & 0xFFFF) + (sum >> 16);
        p.putShort(ipStart + 10, (short) ~sum);
        p.putShort((short) 40000).putShort((short) 40002).putShort((short) udpLength).putShort((short) 0);
        p.put((byte) 0x80).put((byte) ((marker ? 0x80 : 0) | pt)).putShort((short) seq).putInt(ts).putInt(ssrc).put(payload);
        seq = (seq + 1) & 0xFFFF;
        ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        rec.putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(p.capacity()).putInt(p.capacity());
        out.writeBytes(rec.array());
        out.writeBytes(p.array());
    }
}
