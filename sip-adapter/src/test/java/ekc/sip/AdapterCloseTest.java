package ekc.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the adapter ends every thread it started that could keep the JVM alive — JAIN-SIP's
 * event thread and its transaction timers included, even while timers are still pending (a call
 * was just made: its completed transactions' 32 s timers are running). SipBench once never exited
 * because of these.
 */
class AdapterCloseTest {

    @TempDir
    Path dir;

    @Test
    void aClosedAdapterLeavesNoNonDaemonThreadBehindEvenWithTimersPending() {
        Set<Thread> before = nonDaemonThreads();
        SipRig ekc = new SipRig(false);
        Sipp.Result r = Sipp.run(dir, "uac_bye", ekc.port(), "udp", "88001000001", 1);
        assertThat(r.ok()).as(r.output()).isTrue();
        ekc.close();
        await().atMost(Duration.ofSeconds(5)).pollInSameThread().untilAsserted(() -> assertThat(nonDaemonThreads())
                .as("threads left running after close").extracting(Thread::getName)
                .containsExactlyInAnyOrderElementsOf(before.stream().map(Thread::getName).toList()));
    }

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon()).collect(Collectors.toSet());
    }
}
