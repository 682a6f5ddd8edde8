package ekc.recordings;

import ekc.engine.CardEvent;
import net.openhft.chronicle.bytes.Bytes;

import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * Binary encoding of every {@link CardEvent} record: the record's simple name (stop-bit length, UTF-8),
 * then its components in declaration order. Built by reflection from {@code CardEvent}'s nested records,
 * so a record added to the interface is journaled with no code here. The hot paths allocate nothing of
 * their own: components are read through generated accessors (no boxing of primitives), the name is
 * written from its encoded bytes, and a reader finds the record by its name's bytes without making a
 * String. Thread-safe (immutable after construction).
 */
final class EventCodec {

    /** One component's wire form. */
    private interface Field {
        /** Writes this component of {@code event}. */
        void write(Bytes<?> out, Object event);

        Object read(Bytes<?> in);

        void skip(Bytes<?> in);
    }

    /** One record type: its name, encoded name, fields, constructor; {@code cardAndTimeFirst} when it starts (card, time). */
    static final class Shape {
        final String name;
        final byte[] encodedName;
        final String[] components;
        private final Field[] fields;
        private final Constructor<?> constructor;
        final boolean cardAndTimeFirst;

        Shape(String name, byte[] encodedName, String[] components, Field[] fields, Constructor<?> constructor,
              boolean cardAndTimeFirst) {
            this.name = name;
            this.encodedName = encodedName;
            this.components = components;
            this.fields = fields;
            this.constructor = constructor;
            this.cardAndTimeFirst = cardAndTimeFirst;
        }

        /** The position of a component by name, or -1. */
        int component(String n) {
            for (int i = 0; i < components.length; i++) {
                if (components[i].equals(n)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** Made on first use, after the static fields below it needs. */
    private static final class Instance {
        static final EventCodec CODEC = new EventCodec();
    }

    private final Map<Class<?>, Shape> byClass = new HashMap<>();
    private final Map<String, Shape> byName = new HashMap<>();
    /** Shapes by the length and a hash of their name's UTF-8 bytes: open addressing, read without a String. */
    private final Shape[] byNameBytes = new Shape[256];

    private EventCodec() {
        for (Class<?> c : CardEvent.class.getDeclaredClasses()) {
            if (c.isRecord() && CardEvent.class.isAssignableFrom(c)) {
                Shape s = shape(c);
                byClass.put(c, s);
                byName.put(s.name, s);
                byte[] utf8 = s.name.getBytes(StandardCharsets.UTF_8);
                int slot = hash(utf8, utf8.length) & (byNameBytes.length - 1);
                while (byNameBytes[slot] != null) {
                    slot = (slot + 1) & (byNameBytes.length - 1);
                }
                byNameBytes[slot] = s;
            }
        }
    }

    static EventCodec get() {
        return Instance.CODEC;
    }

    /** The record types this codec journals (all of {@link CardEvent}'s). */
    java.util.Set<Class<?>> types() {
        return java.util.Collections.unmodifiableSet(byClass.keySet());
    }

    /** The shape of a record by its simple name, or null. */
    Shape shape(String name) {
        return byName.get(name);
    }

    void write(Bytes<?> out, CardEvent e) {
        Shape s = byClass.get(e.getClass());
        if (s == null) {
            throw new IllegalArgumentException("not a CardEvent record of ekc.engine.CardEvent: " + e.getClass());
        }
        out.write(s.encodedName);
        Field[] fields = s.fields;
        for (int i = 0; i < fields.length; i++) {
            fields[i].write(out, e);
        }
    }

    /** The event, or null if it was written by a newer EKC with a record this one does not know. */
    CardEvent read(Bytes<?> in) {
        Shape s = shapeAt(in);
        if (s == null) {
            return null;
        }
        Object[] args = new Object[s.fields.length];
        for (int i = 0; i < args.length; i++) {
            args[i] = s.fields[i].read(in);
        }
        try {
            return (CardEvent) s.constructor.newInstance(args);
        } catch (ReflectiveOperationException x) {
            throw new IllegalStateException("cannot rebuild " + s.name, x);
        }
    }

    /**
     * Reads the record's name at the read position and gives its shape, leaving the position at the first
     * component; null (position after the name) for a record this EKC does not know. Allocates nothing.
     */
    Shape shapeAt(Bytes<?> in) {
        long len = in.readStopBit();
        if (len <= 0 || len > 64) {
            if (len > 0) {
                in.readSkip(len);
            }
            return null;
        }
        long at = in.readPosition();
        int n = (int) len;
        int h = 0x811C9DC5;
        for (int i = 0; i < n; i++) {
            h = (h ^ (in.readByte(at + i) & 0xFF)) * 0x01000193;
        }
        in.readSkip(n);
        for (int slot = h & (byNameBytes.length - 1); byNameBytes[slot] != null; slot = (slot + 1) & (byNameBytes.length - 1)) {
            Shape s = byNameBytes[slot];
            if (sameName(s, in, at, n)) {
                return s;
            }
        }
        return null;
    }

    private static boolean sameName(Shape s, Bytes<?> in, long at, int n) {
        byte[] e = s.encodedName;
        int off = e.length - n; // past the stop-bit length
        if (off < 1 || (off != 1 && n < 128)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (e[off + i] != in.readByte(at + i)) {
                return false;
            }
        }
        return true;
    }

    /** Reads component {@code i} of {@code s} at the read position (its components before it already read or skipped). */
    Object readComponent(Bytes<?> in, Shape s, int i) {
        return s.fields[i].read(in);
    }

    void skipComponent(Bytes<?> in, Shape s, int i) {
        s.fields[i].skip(in);
    }

    private static int hash(byte[] b, int n) {
        int h = 0x811C9DC5;
        for (int i = 0; i < n; i++) {
            h = (h ^ (b[i] & 0xFF)) * 0x01000193;
        }
        return h;
    }

    private static Shape shape(Class<?> c) {
        RecordComponent[] rc = c.getRecordComponents();
        Field[] fields = new Field[rc.length];
        Class<?>[] types = new Class<?>[rc.length];
        String[] names = new String[rc.length];
        for (int i = 0; i < rc.length; i++) {
            types[i] = rc[i].getType();
            names[i] = rc[i].getName();
            fields[i] = field(c, rc[i].getName(), rc[i].getType(), rc[i].getGenericType(), rc[i].getAccessor());
        }
        try {
            Constructor<?> k = c.getDeclaredConstructor(types);
            k.setAccessible(true);
            boolean first = rc.length >= 2 && rc[0].getName().equals("card") && rc[0].getType() == long.class
                    && rc[1].getName().equals("time") && rc[1].getType() == long.class;
            Bytes<?> name = Bytes.allocateElasticOnHeap(64);
            name.writeUtf8(c.getSimpleName());
            byte[] encoded = name.toByteArray();
            return new Shape(c.getSimpleName(), encoded, names, fields, k, first);
        } catch (NoSuchMethodException x) {
            throw new IllegalStateException("no canonical constructor on " + c, x);
        }
    }

    /** A generated accessor of a record component, as an instance of {@code iface} (no reflection, no boxing per call). */
    @SuppressWarnings("unchecked")
    private static <T> T accessor(Method m, Class<T> iface, String method, MethodType erased) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle h = lookup.unreflect(m);
            CallSite site = LambdaMetafactory.metafactory(lookup, method, MethodType.methodType(iface), erased, h,
                    MethodType.methodType(m.getReturnType(), m.getDeclaringClass()));
            return (T) site.getTarget().invoke();
        } catch (Throwable x) {
            throw new IllegalStateException("cannot access " + m, x);
        }
    }

    private static final MethodType TO_LONG = MethodType.methodType(long.class, Object.class);
    private static final MethodType TO_INT = MethodType.methodType(int.class, Object.class);
    private static final MethodType TO_DOUBLE = MethodType.methodType(double.class, Object.class);
    private static final MethodType TEST = MethodType.methodType(boolean.class, Object.class);
    private static final MethodType APPLY = MethodType.methodType(Object.class, Object.class);

    private static void skipUtf8(Bytes<?> in) {
        long n = in.readStopBit();
        if (n > 0) {
            in.readSkip(n);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Field field(Class<?> owner, String name, Class<?> t, Type generic, Method m) {
        if (t == long.class) {
            ToLongFunction<Object> get = accessor(m, ToLongFunction.class, "applyAsLong", TO_LONG);
            return new Field() {
                public void write(Bytes<?> o, Object e) { o.writeLong(get.applyAsLong(e)); }
                public Object read(Bytes<?> i) { return i.readLong(); }
                public void skip(Bytes<?> i) { i.readSkip(8); }
            };
        }
        if (t == int.class) {
            ToIntFunction<Object> get = accessor(m, ToIntFunction.class, "applyAsInt", TO_INT);
            return new Field() {
                public void write(Bytes<?> o, Object e) { o.writeInt(get.applyAsInt(e)); }
                public Object read(Bytes<?> i) { return i.readInt(); }
                public void skip(Bytes<?> i) { i.readSkip(4); }
            };
        }
        if (t == float.class) {
            ToDoubleFunction<Object> get = accessor(m, ToDoubleFunction.class, "applyAsDouble", TO_DOUBLE);
            return new Field() {
                public void write(Bytes<?> o, Object e) { o.writeFloat((float) get.applyAsDouble(e)); }
                public Object read(Bytes<?> i) { return i.readFloat(); }
                public void skip(Bytes<?> i) { i.readSkip(4); }
            };
        }
        if (t == double.class) {
            ToDoubleFunction<Object> get = accessor(m, ToDoubleFunction.class, "applyAsDouble", TO_DOUBLE);
            return new Field() {
                public void write(Bytes<?> o, Object e) { o.writeDouble(get.applyAsDouble(e)); }
                public Object read(Bytes<?> i) { return i.readDouble(); }
                public void skip(Bytes<?> i) { i.readSkip(8); }
            };
        }
        if (t == boolean.class) {
            Predicate<Object> get = accessor(m, Predicate.class, "test", TEST);
            return new Field() {
                public void write(Bytes<?> o, Object e) { o.writeBoolean(get.test(e)); }
                public Object read(Bytes<?> i) { return i.readBoolean(); }
                public void skip(Bytes<?> i) { i.readSkip(1); }
            };
        }
        Function<Object, Object> get = accessor(m, Function.class, "apply", APPLY);
        if (t == String.class) {
            return new Field() {
                public void write(Bytes<?> o, Object e) { o.writeUtf8((String) get.apply(e)); }
                public Object read(Bytes<?> i) { return i.readUtf8(); }
                public void skip(Bytes<?> i) { skipUtf8(i); }
            };
        }
        if (t.isEnum()) {
            Class<? extends Enum> en = (Class<? extends Enum>) t;
            return new Field() {
                public void write(Bytes<?> o, Object e) {
                    Object v = get.apply(e);
                    o.writeUtf8(v == null ? null : ((Enum<?>) v).name());
                }
                public Object read(Bytes<?> i) {
                    String s = i.readUtf8();
                    return s == null ? null : Enum.valueOf(en, s);
                }
                public void skip(Bytes<?> i) { skipUtf8(i); }
            };
        }
        if (t == Map.class && isOfStrings(generic, 2)) {
            return new Field() {
                public void write(Bytes<?> o, Object e) {
                    Map<String, String> mp = (Map<String, String>) get.apply(e);
                    o.writeStopBit(mp == null ? -1 : mp.size());
                    if (mp != null) {
                        for (Map.Entry<String, String> en : mp.entrySet()) {
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
                    Map<String, String> mp = new LinkedHashMap<>();
                    for (long k = 0; k < n; k++) {
                        mp.put(i.readUtf8(), i.readUtf8());
                    }
                    return java.util.Collections.unmodifiableMap(mp);
                }
                public void skip(Bytes<?> i) {
                    long n = i.readStopBit();
                    for (long k = 0; k < 2 * n; k++) {
                        skipUtf8(i);
                    }
                }
            };
        }
        if (t == List.class && isOfStrings(generic, 1)) {
            return new Field() {
                public void write(Bytes<?> o, Object e) {
                    List<String> l = (List<String>) get.apply(e);
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
                public void skip(Bytes<?> i) {
                    long n = i.readStopBit();
                    for (long k = 0; k < n; k++) {
                        skipUtf8(i);
                    }
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
