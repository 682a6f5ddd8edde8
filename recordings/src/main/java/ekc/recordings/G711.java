package ekc.recordings;

/** G.711 μ-law (PCMU, payload type 0) and A-law (PCMA, 8) to 16-bit linear. Any thread. */
final class G711 {

    static final int PCMU = 0;
    static final int PCMA = 8;

    private static final short[] ULAW = new short[256];
    private static final short[] ALAW = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            ULAW[i] = ulaw((byte) i);
            ALAW[i] = alaw((byte) i);
        }
    }

    private G711() {
    }

    static short decode(int payloadType, byte b) {
        return payloadType == PCMA ? ALAW[b & 0xff] : ULAW[b & 0xff];
    }

    private static short ulaw(byte b) {
        int u = ~b & 0xff;
        int t = ((u & 0x0f) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (short) ((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
    }

    private static short alaw(byte b) {
        int a = (b ^ 0x55) & 0xff;
        int t = (a & 0x0f) << 4;
        int seg = (a & 0x70) >> 4;
        if (seg == 0) {
            t += 8;
        } else if (seg == 1) {
            t += 0x108;
        } else {
            t = (t + 0x108) << (seg - 1);
        }
        return (short) ((a & 0x80) != 0 ? t : -t);
    }

    /** Linear to μ-law, for tests and tools that make audio. */
    static byte encodeUlaw(short sample) {
        int s = sample;
        int sign = (s >> 8) & 0x80;
        if (sign != 0) {
            s = -s;
        }
        if (s > 32635) {
            s = 32635;
        }
        s += 0x84;
        int exponent = 7;
        for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (s >> (exponent + 3)) & 0x0f;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }
}
