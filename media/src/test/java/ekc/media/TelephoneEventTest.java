package ekc.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4733 events: start, continuation, the triple end, a lost start, and what DtmfSender emits. */
class TelephoneEventTest {

    private static ByteBuf event(int code, boolean end, int duration) {
        return Unpooled.wrappedBuffer(new byte[] {(byte) code, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration});
    }

    @Test
    void oneDigitPerEventWhateverTheContinuationsAndRepeatedEnds() {
        TelephoneEventReceiver r = new TelephoneEventReceiver();
        StringBuilder digits = new StringBuilder();
        int ts = 1000;
        // '5': start (marker), 3 continuations, end ×3 — all on one timestamp.
        digits.append(nz(r.process(ts, event(5, false, 160), 0, 4)));
        for (int i = 2; i <= 4; i++) {
            digits.append(nz(r.process(ts, event(5, false, 160 * i), 0, 4)));
        }
        for (int i = 0; i < 3; i++) {
            digits.append(nz(r.process(ts, event(5, true, 800), 0, 4)));
        }
        // The same digit again is a new event: a new timestamp.
        digits.append(nz(r.process(ts + 1600, event(5, false, 160), 0, 4)));
        // '#' whose start and continuations were lost: the end packets alone still give one digit.
        digits.append(nz(r.process(ts + 3200, event(11, true, 800), 0, 4)));
        digits.append(nz(r.process(ts + 3200, event(11, true, 800), 0, 4)));
        // Non-DTMF events (e.g. 32, answer tone) and short payloads are ignored.
        digits.append(nz(r.process(ts + 4800, event(32, false, 160), 0, 4)));
        digits.append(nz(r.process(ts + 6400, Unpooled.wrappedBuffer(new byte[] {1, 2}), 0, 2)));
        assertThat(digits.toString()).isEqualTo("55#");
    }

    @Test
    void senderEmitsStartContinuationsAndThreeEndsOnOneTimestamp() {
        DtmfSender s = new DtmfSender('9', 4242);
        List<String> packets = new ArrayList<>();
        while (!s.finished()) {
            s.nextEvents((marker, timestamp, p) -> packets.add((marker ? "M" : "-") + timestamp + ":" + p[0] + ","
                    + ((p[1] & 0x80) != 0 ? "E" : "") + "," + (((p[2] & 0xFF) << 8) | (p[3] & 0xFF))));
        }
        assertThat(packets).containsExactly("M4242:9,,160", "-4242:9,,320", "-4242:9,,480", "-4242:9,,640",
                "-4242:9,,800", "-4242:9,E,800", "-4242:9,E,800", "-4242:9,E,800");
        // And what the sender emits, the receiver reads as one digit.
        TelephoneEventReceiver r = new TelephoneEventReceiver();
        assertThat(Dtmf.digitOf(9)).isEqualTo('9');
        assertThat(r.process(4242, event(9, false, 160), 0, 4)).isEqualTo('9');
    }

    private static String nz(char c) {
        return c == 0 ? "" : String.valueOf(c);
    }
}
