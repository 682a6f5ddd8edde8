package ekc.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The jitter buffer with reordered, lost, duplicated and late packets, and its adaptive depth. */
class JitterBufferTest {

    /** A frame whose bytes all carry the sequence number's low byte, so we can see which came out. */
    private static ByteBuf frame(int seq) {
        byte[] b = new byte[160];
        java.util.Arrays.fill(b, (byte) seq);
        return Unpooled.wrappedBuffer(b);
    }

    private static void put(JitterBuffer jb, int seq) {
        jb.put(seq & 0xFFFF, G711.PCMU, frame(seq), 0, 160);
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
    void sequenceNumbersWrapAround() {
        JitterBuffer jb = new JitterBuffer();
        put(jb, 65534);
        put(jb, 65535);
        put(jb, 0);
        put(jb, 1);
        assertThat(List.of(poll(jb), poll(jb), poll(jb), poll(jb))).containsExactly("254", "255", "0", "1");
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
}
