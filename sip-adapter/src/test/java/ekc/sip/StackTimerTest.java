package ekc.sip;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.stack.SIPStackTimerTask;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** JAIN-SIP's timers on the wheel: once, cancelled, repeated, and nothing after stop. */
class StackTimerTest {

    @Test
    void aTimerFiresOnceAfterItsDelayAndACancelledOneNever() throws InterruptedException {
        StackTimer timer = new StackTimer();
        timer.start(null, null);
        try {
            Count cancelled = new Count();
            Count once = new Count();
            long start = System.nanoTime();
            timer.schedule(cancelled, 50);
            timer.schedule(once, 100);
            assertThat(timer.cancel(cancelled)).isTrue();
            assertThat(once.fired.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
            Count later = new Count(); // fires after the cancelled one's time: by then it would have fired
            timer.schedule(later, 20);
            assertThat(later.fired.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(cancelled.runs.get()).isZero();
            assertThat(once.runs.get()).isEqualTo(1);
        } finally {
            timer.stop();
        }
    }

    @Test
    void aFixedDelayTimerRepeatsUntilCancelled() throws InterruptedException {
        StackTimer timer = new StackTimer();
        timer.start(null, null);
        try {
            Count repeated = new Count(3);
            timer.scheduleWithFixedDelay(repeated, 0, 15);
            assertThat(repeated.fired.await(5, TimeUnit.SECONDS)).isTrue();
            timer.cancel(repeated);
            int runs = repeated.runs.get();
            Count after = new Count();
            timer.schedule(after, 60);
            assertThat(after.fired.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(repeated.runs.get()).isBetween(3, runs + 1); // one run may have been under way at the cancel
        } finally {
            timer.stop();
        }
    }

    @Test
    void stopDropsPendingTimersAndRefusesNewOnes() throws InterruptedException {
        StackTimer timer = new StackTimer();
        timer.start(null, null);
        timer.schedule(new Count(), 30_000);
        timer.stop();
        assertThat(timer.isStarted()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> timer.schedule(new Count(), 10))
                .isInstanceOf(IllegalStateException.class);
    }

    private static final class Count extends SIPStackTimerTask {
        final AtomicInteger runs = new AtomicInteger();
        final CountDownLatch fired;

        Count() {
            this(1);
        }

        Count(int times) {
            fired = new CountDownLatch(times);
        }

        @Override
        public void runTask() {
            runs.incrementAndGet();
            fired.countDown();
        }

        @Override
        public String getThreadHash() {
            return null;
        }
    }
}
