package ekc.recordings;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class AudioRingTest {

    private record Seen(long card, boolean fromCaller, long time, int pt, byte[] payload) {}

    private static List<Seen> drain(AudioRing ring) {
        List<Seen> seen = new ArrayList<>();
        while (ring.poll((card, fromCaller, time, pt, payload, offset, length) -> {
            byte[] copy = new byte[length];
            System.arraycopy(payload, offset, copy, 0, length);
            seen.add(new Seen(card, fromCaller, time, pt, copy));
        })) {
            // keep polling
        }
        return seen;
    }

    @Test
    void framesComeOutInOrderWithTheirFieldsAndACopyOfThePayload() {
        AudioRing ring = new AudioRing(1 << 12);
        byte[] frame = new byte[200];
        for (int i = 0; i < frame.length; i++) {
            frame[i] = (byte) i;
        }
        assertThat(ring.offer(7, true, 1000, 0, frame, 10, 160)).isTrue();
        assertThat(ring.offer(8, false, 1020, 8, frame, 0, 200)).as("longer than a slot: cloned").isTrue();
        frame[10] = 99; // the caller reuses its buffer at once
        List<Seen> seen = drain(ring);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).card()).isEqualTo(7);
        assertThat(seen.get(0).fromCaller()).isTrue();
        assertThat(seen.get(0).time()).isEqualTo(1000);
        assertThat(seen.get(0).pt()).isZero();
        assertThat(seen.get(0).payload()).hasSize(160).startsWith((byte) 10, (byte) 11);
        assertThat(seen.get(1).fromCaller()).isFalse();
        assertThat(seen.get(1).pt()).isEqualTo(8);
        assertThat(seen.get(1).payload()).hasSize(200).endsWith((byte) 199);
        assertThat(ring.isEmpty()).isTrue();
        assertThat(ring.offered()).isEqualTo(2);
    }

    @Test
    void aSlotThatHeldALongPayloadHoldsAnOrdinaryOneOnTheNextLap() {
        AudioRing ring = new AudioRing(1 << 12);
        byte[] big = new byte[480];
        big[479] = 7;
        byte[] frame = new byte[160];
        for (int i = 0; i < 1 << 12; i++) {
            boolean longOne = i % 1000 == 0;
            assertThat(ring.offer(i, true, i, 0, longOne ? big : frame, 0, longOne ? 480 : 160)).isTrue();
        }
        assertThat(drain(ring)).extracting(x -> x.payload().length).containsOnly(160, 480).hasSize(1 << 12);
        frame[0] = 3;
        for (int i = 0; i < 1 << 12; i++) {
            assertThat(ring.offer(i, true, i, 0, frame, 0, 160)).isTrue();
        }
        assertThat(drain(ring)).allSatisfy(x -> assertThat(x.payload()).hasSize(160).startsWith((byte) 3));
    }

    @Test
    void aFullRingRefusesAndTakesFramesAgainOncePolled() {
        AudioRing ring = new AudioRing(1 << 12);
        byte[] frame = new byte[160];
        for (int i = 0; i < 1 << 12; i++) {
            assertThat(ring.offer(i, true, i, 0, frame, 0, 160)).isTrue();
        }
        assertThat(ring.offer(-1, true, 0, 0, frame, 0, 160)).as("full").isFalse();
        assertThat(drain(ring)).hasSize(1 << 12);
        assertThat(ring.offer(5, true, 0, 0, frame, 0, 160)).isTrue();
        assertThat(drain(ring)).extracting(Seen::card).containsExactly(5L);
    }

    @Test
    void framesCrossPagesAndLapsWithPagesTakenAheadOrNot() {
        AudioRing ring = new AudioRing(1 << 13); // two pages
        byte[] frame = new byte[160];
        long next = 0;
        for (int lap = 0; lap < 3; lap++) {
            for (int i = 0; i < 3000; i++) {
                frame[159] = (byte) (next + i);
                assertThat(ring.offer(next + i, i % 2 == 0, 0, 0, frame, 0, 160)).isTrue();
            }
            if (lap == 1) {
                ring.prepareNextPage();
            }
            for (Seen s : drain(ring)) {
                assertThat(s.card()).isEqualTo(next);
                assertThat(s.fromCaller()).isEqualTo(next % 3000 % 2 == 0);
                assertThat(s.payload()[159]).isEqualTo((byte) next);
                next++;
            }
        }
        assertThat(next).isEqualTo(9000);
    }

    @Test
    void twoProducersLoseNothingAndKeepEachOnesOrder() throws InterruptedException {
        AudioRing ring = new AudioRing(1 << 12);
        int perProducer = 100_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            long card = p;
            Thread t = new Thread(() -> {
                byte[] frame = new byte[160];
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perProducer; ) {
                    frame[0] = (byte) i;
                    if (ring.offer(card, true, i, 0, frame, 0, 160)) {
                        i++;
                    } else {
                        Thread.onSpinWait();
                    }
                }
            });
            t.start();
            producers.add(t);
        }
        go.countDown();
        long[] next = new long[2];
        int total = 0;
        boolean ordered = true;
        while (total < 2 * perProducer) {
            for (Seen s : drain(ring)) {
                ordered &= s.time() == next[(int) s.card()] && s.payload()[0] == (byte) s.time();
                next[(int) s.card()]++;
                total++;
            }
        }
        for (Thread t : producers) {
            t.join();
        }
        assertThat(ordered).isTrue();
        assertThat(next).containsExactly(perProducer, perProducer);
        assertThat(ring.isEmpty()).isTrue();
    }
}
