package ekc.recordings;

import ekc.engine.CardEvent;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds an instance of any CardEvent record with distinct sample values, so new records are tested too. */
final class SampleEvents {

    private SampleEvents() {
    }

    static List<CardEvent> everyType(long card, long time) {
        List<CardEvent> all = new ArrayList<>();
        int seed = 1;
        for (Class<?> c : CardEvent.class.getDeclaredClasses()) {
            if (c.isRecord() && CardEvent.class.isAssignableFrom(c)) {
                all.add(sample(c, card, time, seed++));
            }
        }
        return all;
    }

    static CardEvent sample(Class<?> c, long card, long time, int seed) {
        RecordComponent[] rc = c.getRecordComponents();
        Object[] args = new Object[rc.length];
        Class<?>[] types = new Class<?>[rc.length];
        for (int i = 0; i < rc.length; i++) {
            types[i] = rc[i].getType();
            args[i] = value(rc[i], card, time, seed * 31 + i);
        }
        try {
            return (CardEvent) c.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object value(RecordComponent rc, long card, long time, int seed) {
        Class<?> t = rc.getType();
        if (rc.getName().equals("card")) {
            return card;
        }
        if (rc.getName().equals("time")) {
            return time;
        }
        if (t == long.class) {
            return 1_000_000_007L * seed;
        }
        if (t == int.class) {
            return seed;
        }
        if (t == float.class) {
            return seed / 7f;
        }
        if (t == double.class) {
            return seed / 7d;
        }
        if (t == boolean.class) {
            return seed % 2 == 0;
        }
        if (t == String.class) {
            return seed % 5 == 0 ? null : "знач-" + rc.getName() + "-" + seed;
        }
        if (t.isEnum()) {
            Object[] k = t.getEnumConstants();
            return k[seed % k.length];
        }
        if (t == Map.class) {
            return Map.of("comment", "комментарий " + seed, "topics", "Пенсия;Пособие");
        }
        if (t == List.class) {
            return List.of("a" + seed, "б" + seed);
        }
        throw new IllegalStateException("SampleEvents does not know " + t);
    }
}
