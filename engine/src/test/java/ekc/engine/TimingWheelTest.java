package ekc.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimingWheelTest {

    final TimingWheel wheel = new TimingWheel();
    final List<String> fired = new ArrayList<>();
    final TimingWheel.Firing log = (t, due) -> fired.add(t.card.id + "@" + due);

    static Timer timer(long id) {
        return new Card(id, "", null, Channel.VOICE, 0).slaTimer;
    }

    @Test
    void aTimerFiresAtItsExactMillisecondAndNotBefore() {
        wheel.advanceTo(1_000, log);
        Timer t = timer(1);
        wheel.schedule(t, 61_001);
        wheel.advanceTo(61_000, log);
        assertThat(fired).isEmpty();
        wheel.advanceTo(61_500, log);
        assertThat(fired).containsExactly("1@61001");
        assertThat(wheel.size()).isZero();
    }

    @Test
    void timersBeyondTheSpanWaitAndFireInDueThenSchedulingOrder() {
        wheel.advanceTo(0, log);
        wheel.schedule(timer(1), 5 * 3_600_000L);
        wheel.schedule(timer(2), 300_001);
        wheel.schedule(timer(3), 300_001);
        wheel.schedule(timer(4), 10);
        wheel.advanceTo(6 * 3_600_000L, log);
        assertThat(fired).containsExactly("4@10", "2@300001", "3@300001", "1@18000000");
    }

    @Test
    void cancelledAndRescheduledTimersFireOnceAtTheirNewTime() {
        wheel.advanceTo(0, log);
        Timer a = timer(1);
        Timer b = timer(2);
        wheel.schedule(a, 100);
        wheel.schedule(b, 200_000);
        wheel.cancel(b);
        wheel.schedule(a, 150);
        wheel.schedule(b, 120);
        wheel.advanceTo(1_000_000, log);
        assertThat(fired).containsExactly("2@120", "1@150");
    }

    @Test
    void aTimerScheduledWhileFiringRunsInTheSameAdvanceWhenDue() {
        wheel.advanceTo(0, log);
        Timer a = timer(1);
        Timer b = timer(2);
        wheel.schedule(a, 10);
        wheel.advanceTo(100, (t, due) -> {
            fired.add(t.card.id + "@" + due);
            if (t == a) {
                wheel.schedule(b, due + 5);
            }
        });
        assertThat(fired).containsExactly("1@10", "2@15");
    }
}
