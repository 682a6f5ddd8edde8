package ekc.sip;

import static org.assertj.core.api.Assertions.assertThat;

import ekc.config.SipLimits;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FloodGuardTest {

    final AtomicLong clock = new AtomicLong(1_000_000);
    final FloodGuard guard = new FloodGuard(new SipLimits(5, 2, 3, 60, List.of("10.0.0.1"), null), clock::get);

    @Test
    void anInviteFloodFromOneAddressBlocksItForBlockSecondsButNotOthers() {
        for (int i = 0; i < 5; i++) {
            assertThat(guard.admit("192.0.2.9", "INVITE")).isTrue();
        }
        assertThat(guard.admit("192.0.2.9", "INVITE")).isFalse(); // the 6th in one second
        assertThat(guard.admit("192.0.2.9", "BYE")).isFalse(); // a blocked address is ignored altogether
        assertThat(guard.admit("192.0.2.10", "INVITE")).isTrue();
        clock.addAndGet(59_000);
        assertThat(guard.admit("192.0.2.9", "INVITE")).isFalse();
        clock.addAndGet(2_000);
        assertThat(guard.admit("192.0.2.9", "INVITE")).isTrue();
    }

    @Test
    void aRegisterFloodAndRepeatedAuthFailuresBlockTooButTrustedAddressesNever() {
        assertThat(guard.admit("192.0.2.9", "REGISTER")).isTrue();
        assertThat(guard.admit("192.0.2.9", "REGISTER")).isTrue();
        assertThat(guard.admit("192.0.2.9", "REGISTER")).isFalse();

        assertThat(guard.authFailed("192.0.2.20")).isFalse();
        assertThat(guard.authFailed("192.0.2.20")).isFalse();
        assertThat(guard.authFailed("192.0.2.20")).isTrue();
        assertThat(guard.admit("192.0.2.20", "REGISTER")).isFalse();

        for (int i = 0; i < 100; i++) {
            assertThat(guard.admit("10.0.0.1", "INVITE")).isTrue();
            guard.authFailed("10.0.0.1");
        }
        assertThat(guard.blocked("10.0.0.1")).isFalse();
    }

    @Test
    void idleSourcesAreForgotten() {
        guard.admit("192.0.2.30", "INVITE");
        clock.addAndGet(200_000);
        guard.sweep();
        for (int i = 0; i < 5; i++) {
            assertThat(guard.admit("192.0.2.30", "INVITE")).isTrue();
        }
    }
}
