package ekc.recordings;

import ekc.engine.CardEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic stream of card events from many calls at once (the same seed gives the same stream),
 * so a test can tell exactly which events a killed writer had acknowledged.
 */
final class Load {

    private final SplittableRandom random;
    private final List<List<CardEvent>> open = new ArrayList<>();
    private final List<Integer> next = new ArrayList<>();
    private final int concurrent;
    private long card = 1;
    private long time = Calls.T0;

    Load(long seed, int concurrent) {
        this.random = new SplittableRandom(seed);
        this.concurrent = concurrent;
    }

    CardEvent next() {
        while (open.size() < concurrent) {
            long n = card++;
            open.add(n % 3 == 0 ? Calls.deckCall(n, time) : Calls.robotCall(n, time, "+7918" + (1_000_000 + n)));
            next.add(0);
        }
        int i = random.nextInt(open.size());
        List<CardEvent> call = open.get(i);
        int k = next.get(i);
        CardEvent e = call.get(k);
        time += 7;
        if (k + 1 == call.size()) {
            open.remove(i);
            next.remove(i);
        } else {
            next.set(i, k + 1);
        }
        return e;
    }
}
