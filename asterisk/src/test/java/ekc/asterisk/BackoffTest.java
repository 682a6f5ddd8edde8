package ekc.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void theWaitDoublesToTheMaximumAndALoginStartsItOver() {
        Backoff b = new Backoff(500, 30_000);
        assertThat(new long[] {b.next(), b.next(), b.next(), b.next(), b.next(), b.next(), b.next(), b.next()})
                .containsExactly(500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000);
        b.reset();
        assertThat(b.next()).isEqualTo(500);
    }
}
