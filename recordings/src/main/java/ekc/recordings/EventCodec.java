package ekc.recordings;

import ekc.engine.CardEvent;
import net.openhft.chronicle.bytes.Bytes;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary encoding of every {@link CardEvent} record: the record's simple name, then its components in
 * declaration order. Built by reflection from {@code CardEvent}'s nested records, so a record added to
 * the interface is journaled with no code here. Thread-safe (immutable after construction).
 */
final class EventCodec {

    /** One field's wire form. */
    private interface Field {
        void write(Bytes<?> out, Object value);

        Object read(Bytes<?> in);
    }

    private record Shape(String name, Method[] accessors, Field[] fields, Constructor<?> constructor,
                         boolean cardAndTimeFirst) {}

    /** The type, card and time of an event, read without decoding the rest. */
    record Header(String name, long card, long time) {}

    private static final EventCodec INSTANCE = new EventCodec();

    private final Map<Class<?>, Shape> byClass = new HashMap<>();
    private final Map<String, Shape> byName = new HashMap<>();

    private EventCodec() {
        for (Class<?> c : CardEvent.class.getDeclaredClasses()) {
            if (c.isRecord() && CardEvent.class.isAssignableFrom(c)) {
                Shape s = shape(c);
                byClass.put(c, s);
                byName.put(s.name(), s);
            }
        }
    }

    static EventCodec get() {
        return INSTANCE;
    }

    /** The record types this codec journals (all of {@link CardEvent}'s). */
    java.util.Set<Class<?>> types() {
        return java.util.Collections.unmodifiableSet(byClass.keySet());
    }

    void write(Bytes<?> out, CardEvent e) {
        Shape s = byClass.get(e.getClass());
        if (s == null) {
            throw new IllegalArgumentException("not a CardEvent record of ekc.engine.CardEvent: " + e.getClass());
        }
        out.writeUtf8(s.name());
        try {
            for (int i = 0; i < s.accessors().length; i++) {
                s.fields()[i].write(out, s.accessors()[i].invoke(e));
            }
        } catch (IllegalAccessException | InvocationTargetException x) {
            throw new IllegalStateException("cannot read " + s.name(), x);
        }
    }

    /** The event, or null if it was written by a newer EKC with a record this one does not know. */
    CardEvent read(Bytes<?> in) {
        String name = in.readUtf8();
        Shape s = byName.get(name);
        if (s == null) {
            return null;
        }
        Object[] args = new Object[s.fields().length];
        for (int i = 0; i < args.length; i++) {
            args[i] = s.fields()[i].read(in);
        }
        try {
            return (CardEvent) s.constructor().newInstance(args);
        } catch (ReflectiveOperationException x) {
            throw new IllegalStateException("cannot rebuild " + name, x);
        }
    }

    /**
     * The name, card and time of the event at the read position, or null if its record is unknown. When
     * the record starts with (card, time), only those are read; otherwise the whole event is decoded.
     */
    Header header(Bytes<?> in) {
        long start = in.readPosition();
        String name = in.readUtf8();
        Shape s = byName.get(name);
        if (s == null) {
            return null;
        }
        if (s.cardAndTimeFirst()) {
            return new Header(s.name(), in.readLong(), in.readLong());
        }
        in.readPosition(start);
        CardEvent e = read(in);
        return new Header(s.name(), e.card(), e.time());
    }

    private static Shape shape(Class<?> c) {
        RecordComponent[] rc = c.getRecordComponents();
        Method[] accessors = new Method[rc.length];
        Field[] fields = new Field[rc.length];
        Class<?>[] types = new Class<?>[rc.length];
        for (int i = 0; i < rc.length; i++) {
            accessors[i] = rc[i].getAccessor();
            accessors[i].setAccessible(true);
            types[i] = rc[i].getType();
            fields[i] = field(c, rc[i].getName(), rc[i].getType(), rc[i].getGenericType());
        }
        try {
            Constructor<?> k = c.getDeclaredConstructor(types);
            k.setAccessible(true);
            boolean first = rc.length >= 2 && rc[0].getName().equals("card") && rc[0].getType() == long.class
                    && rc[1].getName().equals("time") && rc[1].getType() == long.class;
            return new Shape(c.getSimpleName(), accessors, fields, k, first);
        } catch (NoSuchMethodException x) {
            throw new IllegalStateException("no canonical constructor on " + c, x);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Field field(Class<?> owner, String name, Class<?> t, Type generic) {
        if (t == long.class) {
            return new Field() {
                public void write(Bytes<?> o, Object v) { o.writeLong((Long) v); }
                public Object read(Bytes<?> i) { return i.readLong(); }
            };
        }
        if (t == int.class) {
            return new Field() {
                public void write(Bytes<?> o, Object v) { o.writeInt((Integer) v); }
                public Object read(Bytes<?> i) { return i.readInt(); }
            };
        }
        if (t == float.class) {
            return new Field() {
                public void write(Bytes<?> o, Object v) { o.writeFloat((Float) v); }
                public Object read(Bytes<?> i) { return i.readFloat(); }
            };
        }
        if (t == double.class) {
            return new Field() {
                public void write(Bytes<?> o, Object v) { o.writeDouble((Double) v); }
                public Object read(Bytes<?> i) { return i.readDouble(); }
            };
        }
        if (t == boolean.class) {
            return new Field() {
                public void write(Bytes<?> o, Object v) { o.writeBoolean((Boolean) v); }
                public Object read(Bytes<?> i) { return i.readBoolean(); }
            };
        }
        if (t == String.class) {
            return new Field() {
                public void write(Bytes<?> o, Object v) { o.writeUtf8((String) v); }
                public Object read(Bytes<?> i) { return i.readUtf8(); }
            };
        }
        if (t.isEnum()) {
            Class<? extends Enum> e = (Class<? extends Enum>) t;
            return new Field() {
                public void write(Bytes<?> o, Object v) { o.writeUtf8(v == null ? null : ((Enum<?>) v).name()); }
                public Object read(Bytes<?> i) {
                    String s = i.readUtf8();
                    return s == null ? null : Enum.valueOf(e, s);
                }
            };
        }
        if (t == Map.class && isOfStrings(generic, 2)) {
            return new Field() {
                public void write(Bytes<?> o, Object v) {
                    Map<String, String> m = (Map<String, String>) v;
                    o.writeStopBit(m == null ? -1 : m.size());
                    if (m != null) {
                        for (Map.Entry<String, String> en : m.entrySet()) {
                            o.writeUtf8(en.getKey());
                            o.writeUtf8(en.getValue());
                        }
                    }
                }
                public Object read(Bytes<?> i) {
                    long n = i.readStopBit();
                    if (n < 0) {
                        return null;
                    }
                    Map<String, String> m = new LinkedHashMap<>();
                    for (long k = 0; k < n; k++) {
                        m.put(i.readUtf8(), i.readUtf8());
                    }
                    return java.util.Collections.unmodifiableMap(m);
                }
            };
        }
        if (t == List.class && isOfStrings(generic, 1)) {
            return new Field() {
                public void write(Bytes<?> o, Object v) {
                    List<String> l = (List<String>) v;
                    o.writeStopBit(l == null ? -1 : l.size());
                    if (l != null) {
                        for (String s : l) {
                            o.writeUtf8(s);
                        }
                    }
                }
                public Object read(Bytes<?> i) {
                    long n = i.readStopBit();
                    if (n < 0) {
                        return null;
                    }
                    List<String> l = new ArrayList<>((int) n);
                    for (long k = 0; k < n; k++) {
                        l.add(i.readUtf8());
                    }
                    return java.util.Collections.unmodifiableList(l);
                }
            };
        }
        throw new IllegalStateException("the journal cannot encode " + owner.getSimpleName() + "." + name + " of type "
                + generic.getTypeName() + "; use long, int, float, double, boolean, String, an enum, "
                + "List<String> or Map<String, String>, or teach EventCodec the type");
    }

    private static boolean isOfStrings(Type generic, int arity) {
        if (!(generic instanceof ParameterizedType)) {
            return false;
        }
        Type[] args = ((ParameterizedType) generic).getActualTypeArguments();
        if (args.length != arity) {
            return false;
        }
        for (Type a : args) {
            if (a != String.class) {
                return false;
            }
        }
        return true;
    }
}
