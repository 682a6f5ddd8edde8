package ekc.recordings;

import ekc.engine.CardEvent;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static ekc.recordings.Calls.T0;
import static org.assertj.core.api.Assertions.assertThat;

class DiskAndRetentionTest {

    @TempDir
    Path dir;

    @Test
    void aFullDiskStopsRecordingOnceWithAnAlarmOnEachCardAndCardsGoOn() {
        // The reserve is set above any real free space: the disk is "full" as far as recording is concerned.
        Journal.Settings full = new Journal.Settings(1 << 16, Long.MAX_VALUE, 1095);
        try (Journal j = Journal.open(dir, full, SystemTimeProvider.INSTANCE)) {
            List<CardEvent> a = Calls.robotCall(1, T0, "+79180000001");
            List<CardEvent> b = Calls.robotCall(2, T0, "+79180000002");
            j.append(a.get(0));
            j.append(b.get(0));
            for (int f = 0; f < 200; f++) {
                j.audio(1, true, T0 + f * 20, new byte[160], G711.PCMU);
                j.audio(2, false, T0 + f * 20, new byte[160], G711.PCMU);
            }
            j.drainAudio();
            assertThat(j.recordingStopped()).isTrue();
            assertThat(j.audioNotRecorded()).isEqualTo(400);
            assertThat(j.audioWritten()).isZero();
            assertThat(j.recordingStops()).as("one log line").isEqualTo(1);
            j.flush();
            a.subList(1, a.size()).forEach(j::append);
            b.subList(1, b.size()).forEach(j::append);
        }
        try (Cards cards = Cards.open(dir)) {
            for (long n : new long[] {1, 2}) {
                Card c = cards.get(n).orElseThrow();
                assertThat(c.alarms()).hasSize(1);
                assertThat(c.alarms().get(0)).startsWith("Запись разговора остановлена").contains("minFreeMb");
                assertThat(c.status()).isEqualTo("answered-by-robot");
                assertThat(CardText.render(c)).contains("Тревоги");
            }
        }
    }

    @Test
    void recordingsPastRetentionAreRemovedWholeDaysAndCardsStay() throws IOException {
        long day = 86_400_000L;
        long old = T0 - 10 * day;
        SetTimeProvider clock = new SetTimeProvider(old);
        try (Journal j = Journal.open(dir, new Journal.Settings(1 << 16, 0, 5), clock)) {
            Calls.robotCall(1, old, "+79180000001").forEach(j::append);
            j.audio(1, true, old + 2_000, new byte[160], G711.PCMU);
            j.drainAudio();
            clock.currentTimeMillis(T0);
            Calls.robotCall(2, T0, "+79180000002").forEach(j::append);
            j.audio(2, true, T0 + 2_000, new byte[160], G711.PCMU);
            j.drainAudio();
            assertThat(dayFiles(dir.resolve("audio"))).hasSize(2);

            assertThat(j.removeOldRecordings(T0)).isEqualTo(1);
            assertThat(dayFiles(dir.resolve("audio"))).hasSize(1);
            assertThat(j.removeOldRecordings(T0)).isZero();

            assertThat(RecordingExport.write(j, 2, dir.resolve("2.wav")).callerFrames()).isEqualTo(1);
            assertThat(RecordingExport.write(j, 1, dir.resolve("1.wav")).callerFrames()).isZero();
        }
        try (Cards cards = Cards.open(dir)) {
            assertThat(cards.list(CardFilter.all())).extracting(Card::number).containsExactly(2L, 1L);
        }
    }

    private static List<Path> dayFiles(Path audio) throws IOException {
        try (Stream<Path> s = Files.list(audio)) {
            return s.filter(p -> Queues.dayOf(p) != null).toList();
        }
    }
}
