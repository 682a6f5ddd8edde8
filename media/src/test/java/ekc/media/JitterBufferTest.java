package ekc.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The jitter buffer with reordered, lost, duplicated and late packets, and its adaptive depth. */
class JitterBufferTest {

    /** A frame whose bytes all carry the sequence number's low byte, so we can see which came out. */
    private static ByteBuf frame(int seq) {
        byte[] b = new byte[160];
        java.util.Arrays.fill(b, (byte) seq);
        return Unpooled.wrappedBuffer(b);
    }

    /** The packet of frame {@code n}: RTP timestamp n × 160. */
    private static void put(JitterBuffer jb, int n) {
        jb.put(n * 160, G711.PCMU, frame(n), 0, 160);
    }

    /** Polls once; "n" for the frame's sequence low byte, "L" lost, "W" waiting. */
    private static String poll(JitterBuffer jb) {
        byte[] out = new byte[160];
        int r = jb.poll(out);
        return r == JitterBuffer.AUDIO ? String.valueOf(out[0] & 0xFF) : r == JitterBuffer.LOST ? "L" : "W";
    }

    @Test
    void reorderedPacketsComeOutInOrder() {
        JitterBuffer jb = new JitterBuffer();
        put(jb, 10);
        put(jb, 12);
        put(jb, 11);
        put(jb, 14);
        put(jb, 13);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            out.add(poll(jb));
        }
        assertThat(out).containsExactly("10", "11", "12", "13", "14");
    }

    @Test
    void aLostPacketIsReportedForConcealmentAndPlayoutGoesOn() {
        JitterBuffer jb = new JitterBuffer();
        for (int s : new int[] {1, 2, 4, 5}) {
            put(jb, s);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            out.add(poll(jb));
        }
        assertThat(out).containsExactly("1", "2", "L", "4", "5");
        assertThat(jb.concealed()).isEqualTo(1);
    }

    @Test
    void duplicatesAndLatePacketsAreDropped() {
        JitterBuffer jb = new JitterBuffer();
        put(jb, 100);
        put(jb, 101);
        put(jb, 101);
        assertThat(poll(jb)).isEqualTo("100");
        put(jb, 100); // already played: late
        put(jb, 102);
        assertThat(poll(jb)).isEqualTo("101");
        assertThat(poll(jb)).isEqualTo("102");
        assertThat(jb.duplicates()).isEqualTo(1);
        assertThat(jb.late()).isEqualTo(1);
    }

    @Test
    void timestampsWrapAround() {
        JitterBuffer jb = new JitterBuffer();
        for (int n = -2; n < 2; n++) {
            jb.put(n * 160, G711.PCMU, frame(n + 10), 0, 160); // -320, -160 (0xFFFFFF60), 0, 160
        }
        assertThat(List.of(poll(jb), poll(jb), poll(jb), poll(jb))).containsExactly("8", "9", "10", "11");
    }

    @Test
    void anUnderrunDeepensTheBufferAndCalmShrinksItAgain() {
        JitterBuffer jb = new JitterBuffer();
        int seq = 0;
        put(jb, seq++);
        assertThat(poll(jb)).isEqualTo("W"); // filling: 2 frames wanted
        put(jb, seq++);
        assertThat(poll(jb)).isEqualTo("0");
        assertThat(poll(jb)).isEqualTo("1");
        assertThat(poll(jb)).as("underrun").isEqualTo("L");
        assertThat(jb.target()).isEqualTo(JitterBuffer.MIN_DEPTH + 1);
        // A burst arrives: the delayed packet was not lost, it plays (nothing skipped).
        put(jb, seq++);
        put(jb, seq++);
        put(jb, seq++);
        assertThat(poll(jb)).isEqualTo("2");
        // Steady arrival for 12 s: the target comes back down.
        for (int i = 0; i < 600; i++) {
            put(jb, seq++);
            assertThat(poll(jb)).isNotEqualTo("W");
        }
        assertThat(jb.target()).isEqualTo(JitterBuffer.MIN_DEPTH);
        assertThat(jb.queued()).isLessThanOrEqualTo(JitterBuffer.MIN_DEPTH + 1);
    }

    @Test
    void aJumpFarAheadRestartsTheBuffer() {
        JitterBuffer jb = new JitterBuffer();
        put(jb, 5);
        put(jb, 6);
        assertThat(poll(jb)).isEqualTo("5");
        put(jb, 5000);
        assertThat(poll(jb)).as("refilling from the new position").isIn("W", "L");
        put(jb, 5001);
        assertThat(List.of(poll(jb), poll(jb))).containsExactly(String.valueOf(5000 & 0xFF), String.valueOf(5001 & 0xFF));
    }

    /** A packet of {@code samples} samples from sample {@code first} of the stream, each byte its index mod 251. */
    private static ByteBuf samples(int first, int samples) {
        byte[] b = new byte[samples];
        for (int i = 0; i < samples; i++) {
            b[i] = (byte) ((first + i) % 251);
        }
        return Unpooled.wrappedBuffer(b);
    }

    /**
     * A stream of {@code millis} ms packets arriving on time for 3 s, polled every 20 ms: every sample comes out
     * once, in order, and no frame is concealed (sip-tester's g711a.pcap has 30 ms packets; this buffer used to
     * play one packet per frame, cutting each to 160 samples and starving every third frame).
     */
    @ParameterizedTest
    @ValueSource(ints = {10, 20, 30, 40, 60})
    void packetsOfAnySizePlayOutWhole(int millis) {
        JitterBuffer jb = new JitterBuffer();
        int perPacket = 8 * millis;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int sent = 0;
        int lost = 0;
        for (int t = 0; t < 3000; t++) {
            if (t % millis == 0) {
                jb.put(1000 + sent, G711.PCMA, samples(sent, perPacket), 0, perPacket);
                sent += perPacket;
            }
            if (t % 20 == 19) {
                byte[] f = new byte[160];
                int r = jb.poll(f);
                if (r == JitterBuffer.AUDIO) {
                    out.writeBytes(f);
                } else if (r == JitterBuffer.LOST) {
                    lost++;
                }
            }
        }
        assertThat(lost).as("frames concealed").isZero();
        byte[] played = out.toByteArray();
        assertThat(played.length).as("samples played").isGreaterThan(sent - (JitterBuffer.MAX_DEPTH + 4) * 160);
        for (int i = 0; i < played.length; i++) {
            assertThat(played[i]).as("sample " + i).isEqualTo((byte) (i % 251));
        }
        assertThat(jb.lastPayloadType()).isEqualTo(G711.PCMA);
    }

    @Test
    void aLost30msPacketIsConcealedAndThePartFramesAroundItKeepTheirAudio() {
        JitterBuffer jb = new JitterBuffer();
        for (int p = 0; p < 6; p++) {
            if (p != 2) { // samples 480..719 lost
                jb.put(p * 240, G711.PCMU, samples(p * 240, 240), 0, 240);
            }
        }
        byte[][] frames = new byte[10][160];
        int[] results = new int[10];
        for (int i = 0; i < 10; i++) {
            results[i] = jb.poll(frames[i]);
        }
        // 1,440 samples = 9 frames. Frames 0-2 whole; frame 3 (480..639) lost; frame 4 (640..799): 80 silent,
        // then 80 of packet 3; frames 5-8 whole; then the stream has ended.
        int a = JitterBuffer.AUDIO;
        assertThat(results).containsExactly(a, a, a, JitterBuffer.LOST, a, a, a, a, a, JitterBuffer.LOST);
        assertThat(frames[4][79]).isEqualTo(G711.silence(G711.PCMU));
        assertThat(frames[4][80]).isEqualTo((byte) (720 % 251));
        assertThat(frames[8][159]).isEqualTo((byte) (1439 % 251));
    }

    @Test
    void aPauseInTheSendersStreamIsNotPlayedAsLoss() {
        JitterBuffer jb = new JitterBuffer();
        put(jb, 0);
        put(jb, 1);
        assertThat(List.of(poll(jb), poll(jb))).containsExactly("0", "1");
        assertThat(poll(jb)).as("underrun: the sender went quiet (DTX)").isEqualTo("L");
        // 400 ms later it speaks again, timestamps having run on: playout resumes at once, not after 400 ms of gap.
        put(jb, 22);
        put(jb, 23);
        put(jb, 24);
        assertThat(List.of(poll(jb), poll(jb), poll(jb))).containsExactly("22", "23", "24");
    }
}
