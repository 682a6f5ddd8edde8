package ekc.recordings;

import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The one place a Chronicle Queue is opened, so analytics are always off. Any thread. */
final class Queues {

    static final String CARDS = "cards";
    static final String AUDIO = "audio";
    static final String ANALYTICS = "chronicle.analytics.disable";

    /** FAST_DAILY's file names: {@code 20261128F.cq4}, the UTC day. */
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private Queues() {
    }

    static SingleChronicleQueue open(Path dir) {
        return open(dir, SystemTimeProvider.INSTANCE);
    }

    static SingleChronicleQueue open(Path dir, TimeProvider clock) {
        return builder(dir).timeProvider(clock).build();
    }

    static SingleChronicleQueue openReadOnly(Path dir) {
        return builder(dir).readOnly(true).build();
    }

    private static SingleChronicleQueueBuilder builder(Path dir) {
        // Citizens' data: Chronicle must never report usage to an outside server, whatever the command line said.
        System.setProperty(ANALYTICS, "true");
        return SingleChronicleQueueBuilder.binary(dir).rollCycle(RollCycles.FAST_DAILY);
    }

    /** The UTC epoch day of a queue's day file, or null if {@code file} is not one. */
    static Long dayOf(Path file) {
        String name = file.getFileName().toString();
        if (!name.matches("\\d{8}F\\.cq4")) {
            return null;
        }
        try {
            return LocalDate.parse(name.substring(0, 8), DAY).toEpochDay();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
