package ekc.recordings;

import ekc.engine.CardEvent;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JournalTest {

    @TempDir
    Path dir;

    @Test
    void everyCardEventRecordRoundTripsThroughTheQueueFiles() {
        List<CardEvent> written = SampleEvents.everyType(42, 1_700_000_000_000L);
        assertThat(written).hasSizeGreaterThanOrEqualTo(20);
        try (Journal j = Journal.open(dir)) {
            written.forEach(j::append);
            j.flush();
            assertThat(j.appended()).isEqualTo(written.size());
        }
        assertThat(readBack(dir)).containsExactlyElementsOf(written);
    }

    @Test
    void theCodecKnowsEveryRecordOfTheEngineContract() {
        long records = java.util.Arrays.stream(CardEvent.class.getDeclaredClasses()).filter(Class::isRecord).count();
        assertThat(EventCodec.get().types()).hasSize((int) records);
    }

    @Test
    void eventsAppendedAfterReopeningFollowTheEarlierOnes() {
        try (Journal j = Journal.open(dir)) {
            j.append(new CardEvent.CallEnded(1, 10, "first"));
        }
        try (Journal j = Journal.open(dir)) {
            j.append(new CardEvent.CallEnded(1, 20, "second"));
        }
        assertThat(readBack(dir)).containsExactly(new CardEvent.CallEnded(1, 10, "first"),
                new CardEvent.CallEnded(1, 20, "second"));
    }

    /** Every card event in the journal at {@code dir}, read from the queue files as written, not through {@link Cards}. */
    static List<CardEvent> readBack(Path dir) {
        List<CardEvent> read = new ArrayList<>();
        try (SingleChronicleQueue q = Queues.openReadOnly(dir.resolve(Queues.CARDS))) {
            ExcerptTailer t = q.createTailer();
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    read.add(EventCodec.get().read(dc.wire().bytes()));
                }
            }
        }
        return read;
    }
}
