package ekc.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * G.711 against the ITU-T G.711 tables: Table 1a (A-law) gives decoder output values 1, 3 … 31 in segment 1,
 * then 33 … 63, 66 … 126, up to 2112 … 4032 on a 4096 scale; Table 2a (μ-law) 0, 2 … 30, then 33 … 93, 99 … 219,
 * up to 4191 … 8031 on an 8159 scale. Our linear samples are 16-bit: A-law values ×8, μ-law values ×4.
 */
class G711Test {

    @Test
    void muLawDecoderOutputsAreTable2a() {
        // Per segment: first value, step. Code = ~(sign | segment << 4 | mantissa).
        int[] first = {0, 33, 99, 231, 495, 1023, 2079, 4191};
        int[] step = {2, 4, 8, 16, 32, 64, 128, 256};
        for (int segment = 0; segment < 8; segment++) {
            for (int mantissa = 0; mantissa < 16; mantissa++) {
                int expected = first[segment] + step[segment] * mantissa;
                byte positive = (byte) ~(segment << 4 | mantissa);
                byte negative = (byte) ~(0x80 | segment << 4 | mantissa);
                assertThat(G711.ulawToLinear(positive)).isEqualTo((short) (4 * expected));
                assertThat(G711.ulawToLinear(negative)).isEqualTo((short) (-4 * expected));
            }
        }
        assertThat(G711.ulawToLinear((byte) 0x80)).isEqualTo((short) (4 * 8031));
        assertThat(G711.ulawToLinear((byte) 0xFF)).isZero();
    }

    @Test
    void aLawDecoderOutputsAreTable1a() {
        int[] first = {1, 33, 66, 132, 264, 528, 1056, 2112};
        int[] step = {2, 2, 4, 8, 16, 32, 64, 128};
        for (int segment = 0; segment < 8; segment++) {
            for (int mantissa = 0; mantissa < 16; mantissa++) {
                int expected = first[segment] + step[segment] * mantissa;
                byte positive = (byte) ((0x80 | segment << 4 | mantissa) ^ 0x55);
                byte negative = (byte) ((segment << 4 | mantissa) ^ 0x55);
                assertThat(G711.alawToLinear(positive)).isEqualTo((short) (8 * expected));
                assertThat(G711.alawToLinear(negative)).isEqualTo((short) (-8 * expected));
            }
        }
        assertThat(G711.alawToLinear((byte) 0xD5)).isEqualTo((short) 8); // the A-law idle code
    }

    @Test
    void everyCodeRoundTrips() {
        for (int c = 0; c < 256; c++) {
            byte code = (byte) c;
            short u = G711.ulawToLinear(code);
            assertThat(G711.ulawToLinear(G711.linearToUlaw(u))).isEqualTo(u);
            short a = G711.alawToLinear(code);
            assertThat(G711.linearToAlaw(a)).isEqualTo(code);
        }
        // μ-law has two zeros (0x7F, 0xFF); every other code maps back to itself.
        for (int c = 0; c < 256; c++) {
            if (c != 0x7F) {
                assertThat(G711.linearToUlaw(G711.ulawToLinear((byte) c)) & 0xFF).isEqualTo(c);
            }
        }
    }

    @Test
    void encoderPicksTheNearestLevelAndSaturates() {
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s += 7) {
            short sample = (short) s;
            int u = G711.ulawToLinear(G711.linearToUlaw(sample));
            int a = G711.alawToLinear(G711.linearToAlaw(sample));
            // Within half the top segment's step (μ-law 256, A-law 128 on their scales), inside the coding range.
            if (Math.abs(s) <= 32124) {
                assertThat(Math.abs(u - s)).isLessThanOrEqualTo(4 * 128 + 4);
            }
            if (Math.abs(s) <= 32256) {
                assertThat(Math.abs(a - s)).isLessThanOrEqualTo(8 * 64 + 8);
            }
            if (Math.abs(s) < 120) {
                assertThat(Math.abs(u - s)).isLessThanOrEqualTo(8);
            }
        }
        assertThat(G711.ulawToLinear(G711.linearToUlaw(Short.MAX_VALUE))).isEqualTo((short) 32124);
        assertThat(G711.alawToLinear(G711.linearToAlaw(Short.MIN_VALUE))).isEqualTo((short) -32256);
    }

    @Test
    void silenceCodesDecodeToNearZero() {
        assertThat(G711.ulawToLinear(G711.silence(G711.PCMU))).isZero();
        assertThat(Math.abs(G711.alawToLinear(G711.silence(G711.PCMA)))).isEqualTo(8);
    }

    @Test
    void aFramesEnergyFromItsCodesIsTheExactSumOfItsDecodedSquares() {
        java.util.Random r = new java.util.Random(7);
        byte[] codes = new byte[160];
        short[] pcm = new short[160];
        for (int pt : new int[] {G711.PCMU, G711.PCMA}) {
            for (int round = 0; round < 100; round++) {
                r.nextBytes(codes);
                if (round == 0) {
                    java.util.Arrays.fill(codes, pt == G711.PCMU ? (byte) 0x80 : (byte) 0xAA); // the loudest codes
                }
                G711.decode(pt, codes, 0, 160, pcm);
                double sum = 0;
                for (short s : pcm) {
                    sum += (double) s * s;
                }
                assertThat((double) G711.energy(pt, codes, 160)).isEqualTo(sum);
            }
        }
    }
}
