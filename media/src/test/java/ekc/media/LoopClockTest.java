package ekc.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The 20 ms clock's fixed slots, on one event loop with real legs (ports bound, nothing sent). */
class LoopClockTest {

    @Test
    void legsAreSpreadEvenlyOverTheSlotsAndAReleasedLegsSlotIsTakenNext() {
        try (MediaServer media = new MediaServer(TestMedia.config(null), "ru", e -> { }, null)) {
            for (long leg = 1; leg <= 40; leg++) {
                media.allocate(leg, leg, true);
            }
            media.settle(40);
            assertThat(media.slotLoads()).hasSize(20).containsOnly(2);

            int freed = media.slotOf(7);
            media.release(7);
            media.allocate(41, 41, true);
            media.settle(41);
            assertThat(media.slotOf(41)).as("the least used slot: the one leg 7 left").isEqualTo(freed);
            assertThat(media.slotLoads()).containsOnly(2);
        }
    }

    @Test
    void theClockWakesOncePerSlotAndReportsItsLatenessAndWork() {
        try (MediaServer media = new MediaServer(TestMedia.config(null), "ru", e -> { }, null)) {
            for (long leg = 1; leg <= 20; leg++) { // one loop (TestMedia): a leg in every slot
                media.allocate(leg, leg, true);
            }
            // 20 slots of 1 ms: a wake-up per millisecond (fewer when the machine is busy and one runs several).
            await().atMost(Duration.ofSeconds(10)).until(() -> media.clockTiming().wakeUps() >= 50);
            ClockTiming t = media.clockTiming();
            assertThat(t.lateness().intervals()).isEqualTo(t.wakeUps());
            assertThat(t.work().intervals()).isEqualTo(t.wakeUps());
        }
    }

    @Test
    void aClockWithoutLegsSleepsAndOneLegWakesItOncePerPeriod() {
        try (MediaServer media = new MediaServer(TestMedia.config(null), "ru", e -> { }, null)) {
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                    .until(() -> media.clockTiming().wakeUps() == 0);

            media.allocate(1, 1, true);
            await().atMost(Duration.ofSeconds(10)).until(() -> media.clockTiming().wakeUps() >= 10);
            long start = System.nanoTime();
            long before = media.clockTiming().wakeUps();
            await().atMost(Duration.ofSeconds(10)).until(() -> media.clockTiming().wakeUps() >= before + 10);
            // one slot holds a leg: one wake-up per 20 ms, not one per millisecond
            long woken = media.clockTiming().wakeUps() - before;
            assertThat(woken).isLessThanOrEqualTo((System.nanoTime() - start) / 20_000_000 + 2);

            media.release(1);
            media.allocate(2, 2, true);
            media.release(2);
            await().atMost(Duration.ofSeconds(2)).until(() -> media.legCount() == 0);
            long last = media.clockTiming().wakeUps();
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                    .until(() -> media.clockTiming().wakeUps() <= last + 1);
        }
    }
}
