package ekc.media;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * VarHandles on a class's own counters, which its event loop writes with release stores and snapshots on other threads
 * read with acquire loads: no fence per packet, as a volatile write would be.
 */
final class Fields {

    private Fields() {}

    /** The handle of the field {@code name} of {@code lookup}'s class; a missing field is a programming error. */
    static VarHandle of(MethodHandles.Lookup lookup, String name, Class<?> type) {
        try {
            return lookup.findVarHandle(lookup.lookupClass(), name, type);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
