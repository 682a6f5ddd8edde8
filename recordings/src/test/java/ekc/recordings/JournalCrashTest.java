package ekc.recordings;

import ekc.engine.CardEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durability at the journal: a writer JVM is killed with SIGKILL mid-load; every event it had acknowledged
 * (flushed) is there, nothing else is corrupt, and the restart closes each call in progress once, as
 * interrupted. (The app-level test of issue 7 kills {@code ekc run} itself; this one needs only the journal.)
 */
class JournalCrashTest {

    private static final long SEED = 20261128;

    @TempDir
    Path dir;

    @Test
    void killMinus9LosesNoAcknowledgedEventAndRestartClosesCallsInProgressOnce() throws Exception {
        long acked = runAndKill(20_000);

        List<CardEvent> found = JournalTest.readBack(dir);
        assertThat((long) found.size()).isGreaterThanOrEqualTo(acked);
        Load replay = new Load(SEED, 200);
        for (int i = 0; i < found.size(); i++) {
            assertThat(found.get(i)).as("event %d", i).isEqualTo(replay.next());
        }

        long now = Calls.T0 + 86_400_000L;
        List<CardEvent> closing;
        try (Journal j = Journal.open(dir)) {
            Journal.Restart restart = j.restart(now);
            assertThat(restart.deferred()).as("no call-backs were booked").isEmpty();
            closing = restart.closing();
            closing.forEach(j::append);
            j.flush();
            assertThat(j.restart(now + 1).closing()).as("a second restart finds nothing open").isEmpty();
        }
        assertThat(closing).filteredOn(e -> e instanceof CardEvent.CardClosed).isNotEmpty();

        Map<Long, Integer> closes = new HashMap<>();
        for (CardEvent e : JournalTest.readBack(dir)) {
            if (e instanceof CardEvent.CardClosed) {
                closes.merge(e.card(), 1, Integer::sum);
            }
        }
        try (Cards cards = Cards.open(dir)) {
            List<Card> all = cards.list(CardFilter.all());
            assertThat(all).hasSizeGreaterThan(200);
            for (Card c : all) {
                assertThat(c.closed()).as("card %d closed", c.number()).isTrue();
                assertThat(closes.get(c.number())).as("card %d closed once", c.number()).isEqualTo(1);
            }
            List<Card> interrupted = cards.list(CardFilter.all().withStatus(Card.INTERRUPTED));
            assertThat(interrupted).hasSize((int) closing.stream().filter(e -> e instanceof CardEvent.CardClosed).count());
            assertThat(interrupted).allSatisfy(c -> {
                assertThat(c.statusReason()).contains("in progress");
                assertThat(c.endedAt()).isPositive();
            });
        }
    }

    private long runAndKill(long atLeast) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-Dchronicle")).toList());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(CrashWriter.class.getName());
        cmd.add(dir.toString());
        cmd.add(Long.toString(SEED));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long acked = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ack ")) {
                    acked = Long.parseLong(line.substring(4));
                    if (acked >= atLeast) {
                        p.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
                        break;
                    }
                }
            }
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(137);
        assertThat(acked).isGreaterThanOrEqualTo(atLeast);
        return acked;
    }
}
