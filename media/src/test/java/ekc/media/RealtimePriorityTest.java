package ekc.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import ekc.config.MediaConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code media.realtimePriority}: the loops' scheduling as the kernel reports it, and a refusal that changes nothing. */
class RealtimePriorityTest {

    private static final int SCHED_OTHER = 0;
    private static final int SCHED_FIFO = 1;

    @Test
    void theEventLoopsRunFifoAtTheConfiguredPriorityOrKeepWhyNot() {
        assumeThat(Files.exists(Path.of("/proc/thread-self/stat"))).as("Linux").isTrue();
        MediaConfig c = TestMedia.config(null);
        MediaConfig fifo = new MediaConfig(c.host(), c.rtpPortMin(), c.rtpPortMax(), null, 1, true, 1, 60, 3);
        try (MediaServer media = new MediaServer(fifo, "ru", e -> { }, null)) {
            int[] policyAndPriority = media.onLoop(0, RealtimePriorityTest::schedulingOfThisThread);
            if (media.realtimeRefusal() == null) {
                assertThat(policyAndPriority).as("policy, rt_priority of the loop's thread").containsExactly(SCHED_FIFO, 3);
                int[] child = media.onLoop(0, RealtimePriorityTest::schedulingOfAThreadStartedHere);
                assertThat(child).as("a thread the loop starts is an ordinary one").containsExactly(SCHED_OTHER, 0);
            } else {
                // Not permitted where the test runs (no root, no CAP_SYS_NICE): said why, and left the loop as it was.
                assertThat(media.realtimeRefusal()).isNotBlank();
                assertThat(policyAndPriority).containsExactly(SCHED_OTHER, 0);
            }
        }
    }

    @Test
    void offByDefaultTheLoopsAreOrdinaryThreads() {
        assumeThat(Files.exists(Path.of("/proc/thread-self/stat"))).as("Linux").isTrue();
        try (MediaServer media = new MediaServer(TestMedia.config(null), "ru", e -> { }, null)) {
            assertThat(media.realtimeRefusal()).isNull();
            assertThat(media.onLoop(0, RealtimePriorityTest::schedulingOfThisThread)).containsExactly(SCHED_OTHER, 0);
        }
    }

    @Test
    void aRefusalIsReportedWithItsReasonAndChangesNothing() throws InterruptedException {
        assumeThat(Files.exists(Path.of("/proc/thread-self/stat"))).as("Linux").isTrue();
        AtomicReference<String> refusal = new AtomicReference<>();
        AtomicReference<int[]> after = new AtomicReference<>();
        Thread t = new Thread(() -> {
            refusal.set(RealtimePriority.applyToCurrentThread(100)); // SCHED_FIFO priorities are 1-99
            after.set(schedulingOfThisThread());
        });
        t.start();
        t.join();
        assertThat(refusal.get()).contains("EINVAL");
        assertThat(after.get()).containsExactly(SCHED_OTHER, 0);
    }

    private static int[] schedulingOfAThreadStartedHere() throws InterruptedException {
        AtomicReference<int[]> seen = new AtomicReference<>();
        Thread t = new Thread(() -> seen.set(schedulingOfThisThread()));
        t.start();
        t.join();
        return seen.get();
    }

    /** Fields 41 (policy) and 40 (rt_priority) of /proc/thread-self/stat: what the kernel applies, not what we asked. */
    private static int[] schedulingOfThisThread() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // f[0] is field 3
            return new int[] {Integer.parseInt(f[41 - 3]), Integer.parseInt(f[40 - 3])};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
