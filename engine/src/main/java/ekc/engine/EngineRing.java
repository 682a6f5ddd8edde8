package ekc.engine;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import java.util.function.LongSupplier;

/**
 * The engine's input ring: many producers (adapters on their own threads), one consumer (the
 * engine thread). Each slot is stamped with the publisher's clock; that is how time reaches the
 * engine. Slots are preallocated and reused; the engine copies nothing out of a slot but the
 * immutable {@link Input} it points to.
 */
public final class EngineRing implements AutoCloseable {

    /** A reusable ring slot. */
    public static final class Slot {
        long time;
        Input input;
    }

    /** The single consumer; called on the engine thread. */
    public interface Handler {
        void onInput(long time, Input input);

        default void onEndOfBatch() {}
    }

    private final Disruptor<Slot> disruptor;
    private final RingBuffer<Slot> ring;
    private final LongSupplier clock;

    public EngineRing(int size, LongSupplier clock, Handler handler) {
        this.clock = clock;
        this.disruptor = new Disruptor<>(Slot::new, size, DaemonThreadFactory.INSTANCE, ProducerType.MULTI,
                new BlockingWaitStrategy());
        EventHandler<Slot> consumer = (slot, sequence, endOfBatch) -> {
            Input input = slot.input;
            slot.input = null; // never keep a slot's reference after onEvent
            handler.onInput(slot.time, input);
            if (endOfBatch) {
                handler.onEndOfBatch();
            }
        };
        disruptor.handleEventsWith(consumer);
        this.ring = disruptor.start();
    }

    /** Thread-safe; blocks only when the ring is full. */
    public void publish(Input input) {
        long seq = ring.next();
        try {
            Slot slot = ring.get(seq);
            slot.time = clock.getAsLong();
            slot.input = input;
        } finally {
            ring.publish(seq);
        }
    }

    /** Free slots; a caller that must never block (an event loop) may check this first. */
    public long remainingCapacity() {
        return ring.remainingCapacity();
    }

    @Override
    public void close() {
        disruptor.shutdown();
    }
}
