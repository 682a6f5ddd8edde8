package ekc.recordings;

import java.util.ArrayList;
import java.util.List;

/** Open addressing from a card number to its value, with no boxing. Confined to its owner. */
final class CardsByNumber<V> {

    private long[] keys = new long[1024];
    private Object[] values = new Object[1024];
    private int size;

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        int mask = keys.length - 1;
        for (int s = spread(key) & mask; values[s] != null; s = (s + 1) & mask) {
            if (keys[s] == key) {
                return (V) values[s];
            }
        }
        return null;
    }

    /** Adds a card not yet present. */
    void put(long key, V value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        insert(key, value);
        size++;
    }

    @SuppressWarnings("unchecked")
    List<V> values() {
        List<V> l = new ArrayList<>(size);
        for (Object v : values) {
            if (v != null) {
                l.add((V) v);
            }
        }
        return l;
    }

    private void insert(long key, Object value) {
        int mask = keys.length - 1;
        int s = spread(key) & mask;
        while (values[s] != null) {
            s = (s + 1) & mask;
        }
        keys[s] = key;
        values[s] = value;
    }

    private void grow() {
        long[] k = keys;
        Object[] v = values;
        keys = new long[k.length * 2];
        values = new Object[k.length * 2];
        for (int i = 0; i < k.length; i++) {
            if (v[i] != null) {
                insert(k[i], v[i]);
            }
        }
    }

    private static int spread(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
