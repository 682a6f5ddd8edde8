package ekc.recordings;

import ekc.engine.CardEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Chronicle must never send usage data out (issue 2): the property is set wherever a queue is opened. */
class ChronicleAnalyticsTest {

    @TempDir
    Path dir;

    @Test
    void openingTheJournalSetsAnalyticsOffEvenWhenTheCommandLineForgot() {
        System.clearProperty(Queues.ANALYTICS);
        try (Journal j = Journal.open(dir)) {
            j.append(new CardEvent.CallEnded(1, 1, "x"));
            assertThat(System.getProperty(Queues.ANALYTICS)).isEqualTo("true");
        }
        System.clearProperty(Queues.ANALYTICS);
        try (Cards c = Cards.open(dir)) {
            assertThat(c.size()).isEqualTo(1);
            assertThat(System.getProperty(Queues.ANALYTICS)).isEqualTo("true");
        }
    }

    @Test
    void surefireRunsWithAnalyticsOff() {
        // Set on the command line by ekc.jvm.flags before any Chronicle class loads.
        assertThat(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
                .contains("-Dchronicle.analytics.disable=true");
    }

    @Test
    void onlyQueuesOpensAChronicleQueue() throws IOException {
        Path main = Path.of(System.getProperty("ekc.root"), "recordings", "src", "main", "java");
        try (Stream<Path> files = Files.walk(main)) {
            List<Path> opening = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> read(p).contains("ChronicleQueueBuilder") || read(p).contains("ChronicleQueue.single"))
                    .map(p -> p.getFileName()).toList();
            assertThat(opening).containsExactly(Path.of("Queues.java"));
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
