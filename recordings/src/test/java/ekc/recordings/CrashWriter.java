package ekc.recordings;

import ekc.engine.CardEvent;

import java.nio.file.Path;

/**
 * A child JVM for {@link JournalCrashTest}: appends {@link Load}'s events in batches like the engine
 * does and prints "ack N" after each flush, until it is killed with SIGKILL.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    public static void main(String[] args) {
        Load load = new Load(Long.parseLong(args[1]), 200);
        long acked = 0;
        try (Journal j = Journal.open(Path.of(args[0]))) {
            while (true) {
                for (int i = 0; i < 64; i++) {
                    CardEvent e = load.next();
                    j.append(e);
                }
                j.flush();
                acked += 64;
                System.out.println("ack " + acked);
                System.out.flush();
            }
        }
    }
}
