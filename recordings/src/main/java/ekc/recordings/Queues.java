package ekc.recordings;

import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.nio.file.Path;

/** The one place a Chronicle Queue is opened, so analytics are always off. Any thread. */
final class Queues {

    static final String CARDS = "cards";
    static final String AUDIO = "audio";
    static final String ANALYTICS = "chronicle.analytics.disable";

    private Queues() {
    }

    static SingleChronicleQueue open(Path dir) {
        return builder(dir).build();
    }

    static SingleChronicleQueue openReadOnly(Path dir) {
        return builder(dir).readOnly(true).build();
    }

    private static SingleChronicleQueueBuilder builder(Path dir) {
        // Citizens' data: Chronicle must never report usage to an outside server, whatever the command line said.
        System.setProperty(ANALYTICS, "true");
        return SingleChronicleQueueBuilder.binary(dir).rollCycle(RollCycles.FAST_DAILY);
    }
}
