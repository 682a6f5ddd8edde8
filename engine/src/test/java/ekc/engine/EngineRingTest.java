package ekc.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ekc.config.EngineConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EngineRingTest {

    @Test
    void everyConfiguredWaitStrategyRunsTheRingAndDeliversInOrder() throws InterruptedException {
        for (String name : EngineConfig.WAIT_STRATEGIES) {
            EngineRing.Wait wait = EngineRing.Wait.of(name);
            List<Long> seen = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            try (EngineRing ring = new EngineRing(64, () -> 7L, (time, input) -> {
                seen.add(((Input.CallerHungUp) input).callId() * 100 + time);
                if (seen.size() == 200) {
                    done.countDown();
                }
            }, wait)) {
                for (long i = 0; i < 200; i++) {
                    ring.publish(new Input.CallerHungUp(i, "test"));
                }
                assertThat(done.await(10, TimeUnit.SECONDS)).as(name).isTrue();
            }
            assertThat(seen).as(name).hasSize(200).first().isEqualTo(7L);
            assertThat(seen.get(199)).as(name).isEqualTo(19_907L);
        }
    }

    @Test
    void theEngineRunsOnOneNamedDaemonThreadThatAnOperatorCanFind() throws InterruptedException {
        Thread[] engineThread = new Thread[1];
        CountDownLatch done = new CountDownLatch(1);
        try (EngineRing ring = new EngineRing(64, () -> 7L, (time, input) -> {
            engineThread[0] = Thread.currentThread();
            done.countDown();
        })) {
            ring.publish(Input.Tick.INSTANCE);
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(engineThread[0].getName()).isEqualTo("ekc-engine").hasSizeLessThanOrEqualTo(15); // Linux's comm limit
        assertThat(engineThread[0].isDaemon()).isTrue();
    }

    @Test
    void anUnknownWaitStrategyIsRefusedByName() {
        assertThatThrownBy(() -> EngineRing.Wait.of("napping")).hasMessageContaining("napping").hasMessageContaining("backoff");
        assertThat(EngineRing.Wait.of("busy-spin")).isEqualTo(EngineRing.Wait.BUSY_SPIN);
    }
}
