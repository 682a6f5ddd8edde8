package ekc.media;

/**
 * G.711 μ-law (PCMU, payload type 0) and A-law (PCMA, payload type 8), as ITU-T G.711 defines them.
 * Stateless and thread-safe: decoding is a table look-up, encoding a small computation (and a table for
 * the hot path). Linear samples are 16-bit; G.711 keeps the top 14 (μ-law) or 13 (A-law) bits.
 */
public final class G711 {

    /** RTP payload type of PCMU. */
    public static final int PCMU = 0;
    /** RTP payload type of PCMA. */
    public static final int PCMA = 8;

    private static final short[] ULAW_TO_LINEAR = new short[256];
    private static final short[] ALAW_TO_LINEAR = new short[256];
    // Encoding by table on the top 14 bits of the sample: 16k entries each, built once.
    private static final byte[] LINEAR_TO_ULAW = new byte[1 << 14];
    private static final byte[] LINEAR_TO_ALAW = new byte[1 << 14];
    // Each code's decoded sample squared (at most 32,256², so an int): a frame's energy without decoding it.
    private static final int[] ULAW_SQUARED = new int[256];
    private static final int[] ALAW_SQUARED = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            ULAW_TO_LINEAR[i] = (short) ulawDecode(i);
            ALAW_TO_LINEAR[i] = (short) alawDecode(i);
            ULAW_SQUARED[i] = ULAW_TO_LINEAR[i] * ULAW_TO_LINEAR[i];
            ALAW_SQUARED[i] = ALAW_TO_LINEAR[i] * ALAW_TO_LINEAR[i];
        }
        for (int i = 0; i < (1 << 14); i++) {
            short sample = (short) ((i - (1 << 13)) << 2);
            LINEAR_TO_ULAW[i] = (byte) ulawEncode(sample);
            LINEAR_TO_ALAW[i] = (byte) alawEncode(sample);
        }
    }

    private G711() {}

    public static short ulawToLinear(byte code) {
        return ULAW_TO_LINEAR[code & 0xFF];
    }

    public static short alawToLinear(byte code) {
        return ALAW_TO_LINEAR[code & 0xFF];
    }

    public static byte linearToUlaw(short sample) {
        return LINEAR_TO_ULAW[(sample >> 2) + (1 << 13)];
    }

    public static byte linearToAlaw(short sample) {
        return LINEAR_TO_ALAW[(sample >> 2) + (1 << 13)];
    }

    /** Decodes {@code length} codes of the given payload type into {@code out} from index 0. */
    public static void decode(int payloadType, byte[] in, int offset, int length, short[] out) {
        short[] table = payloadType == PCMA ? ALAW_TO_LINEAR : ULAW_TO_LINEAR;
        for (int i = 0; i < length; i++) {
            out[i] = table[in[offset + i] & 0xFF];
        }
    }

    /**
     * The sum of the squared decoded samples of {@code length} codes from index 0: exactly what summing the squares of
     * {@link #decode}'s output gives, in a long or in a double (every partial sum is an integer below 2^53).
     */
    static long energy(int payloadType, byte[] in, int length) {
        int[] table = payloadType == PCMA ? ALAW_SQUARED : ULAW_SQUARED;
        long sum = 0;
        for (int i = 0; i < length; i++) {
            sum += table[in[i] & 0xFF];
        }
        return sum;
    }

    /** Encodes {@code length} samples from {@code in[offset]} into {@code out} from index 0. */
    public static void encode(int payloadType, short[] in, int offset, int length, byte[] out) {
        byte[] table = payloadType == PCMA ? LINEAR_TO_ALAW : LINEAR_TO_ULAW;
        for (int i = 0; i < length; i++) {
            out[i] = table[(in[offset + i] >> 2) + (1 << 13)];
        }
    }

    /** The code a payload type uses for silence (linear 0). */
    public static byte silence(int payloadType) {
        return payloadType == PCMA ? (byte) 0xD5 : (byte) 0xFF;
    }

    /** μ-law encoding per G.711: bias 33 on the 14-bit magnitude, segment and 4-bit mantissa, bits inverted. */
    static int ulawEncode(short pcm16) {
        int sample = pcm16 >> 2; // 14-bit
        int sign = 0;
        if (sample < 0) {
            sample = -sample;
            sign = 0x80;
        }
        sample += 33;
        if (sample > 0x1FFF) {
            sample = 0x1FFF;
        }
        int segment = 7;
        for (int mask = 0x1000; (sample & mask) == 0 && segment > 0; mask >>= 1) {
            segment--;
        }
        int mantissa = (sample >> (segment + 1)) & 0x0F;
        return ~(sign | (segment << 4) | mantissa) & 0xFF;
    }

    static int ulawDecode(int code) {
        code = ~code & 0xFF;
        int segment = (code >> 4) & 0x07;
        int mantissa = code & 0x0F;
        int magnitude = (((mantissa << 1) + 33) << segment) - 33; // 14-bit
        int value = (code & 0x80) != 0 ? -magnitude : magnitude;
        return value << 2;
    }

    /** A-law encoding per G.711: 13-bit magnitude, segment and 4-bit mantissa, even bits inverted (0x55). */
    static int alawEncode(short pcm16) {
        int sample = pcm16 >> 3; // 13-bit
        int sign;
        if (sample >= 0) {
            sign = 0x80;
        } else {
            sign = 0;
            sample = -sample - 1;
        }
        if (sample > 0xFFF) {
            sample = 0xFFF;
        }
        int code;
        if (sample < 32) {
            code = sample >> 1;
        } else {
            int segment = 1;
            for (int v = sample >> 5; v > 1; v >>= 1) {
                segment++;
            }
            code = (segment << 4) | ((sample >> segment) & 0x0F);
        }
        return (sign | code) ^ 0x55;
    }

    static int alawDecode(int code) {
        code ^= 0x55;
        int segment = (code >> 4) & 0x07;
        int mantissa = code & 0x0F;
        int magnitude = segment == 0 ? (mantissa << 1) + 1 : ((mantissa << 1) + 33) << (segment - 1);
        int value = (code & 0x80) != 0 ? magnitude : -magnitude;
        return value << 3;
    }
}
