package ekc.recordings;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Card numbers under a 64-bit key (a caller's, operator's or topic's string hash, see {@link #key}), in the
 * order added; append-only. Primitive arrays only, so a million cards cost a few arrays, not a million
 * boxed Longs and sets. Two strings may share a key: readers check the card itself. Confined to its owner.
 */
final class CardIndex {

    private long[] keys = new long[1024];
    /** Per key slot: the last entry (1-based; 0 empty). */
    private int[] last = new int[1024];
    private int used;
    /** Entries: the card, and the previous entry of the same key (1-based; 0 none). */
    private long[] cards = new long[1024];
    private int[] previous = new int[1024];
    private int count;

    /** A well-spread key for a string (FNV-1a over its chars, then a 64-bit mix). */
    static long key(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0, n = s.length(); i < n; i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return h ^ (h >>> 33);
    }

    void add(long key, long card) {
        int slot = slot(key);
        if (last[slot] == 0) {
            keys[slot] = key;
            used++;
        }
        if (count == cards.length) {
            cards = Arrays.copyOf(cards, count * 2);
            previous = Arrays.copyOf(previous, count * 2);
        }
        cards[count] = card;
        previous[count] = last[slot];
        last[slot] = ++count;
        if (used * 2 > keys.length) {
            grow();
        }
    }

    /** How many cards the key has (the cost of walking them). */
    int size(long key) {
        int n = 0;
        for (int e = last[slot(key)]; e != 0; e = previous[e - 1]) {
            n++;
        }
        return n;
    }

    /** Every card under the key, newest added first. */
    void forEach(long key, LongConsumer each) {
        for (int e = last[slot(key)]; e != 0; e = previous[e - 1]) {
            each.accept(cards[e - 1]);
        }
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        int s = (int) (key ^ (key >>> 32)) & mask;
        while (last[s] != 0 && keys[s] != key) {
            s = (s + 1) & mask;
        }
        return s;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldLast = last;
        keys = new long[oldKeys.length * 2];
        last = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldLast[i] != 0) {
                int s = slot(oldKeys[i]);
                keys[s] = oldKeys[i];
                last[s] = oldLast[i];
            }
        }
    }
}
