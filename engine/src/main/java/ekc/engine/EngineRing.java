package ekc.engine;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.PhasedBackoffWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The engine's input ring: many producers (adapters on their own threads), one consumer (the
 * engine thread). Each slot is stamped with the publisher's clock; that is how time reaches the
 * engine. Slots are preallocated and reused; the engine copies nothing out of a slot but the
 * immutable {@link Input} it points to.
 */
public final class EngineRing implements AutoCloseable {

    /**
     * How the engine thread waits for the next input (config {@code engine.waitStrategy}). They differ
     * in what an idle engine costs and how fast it wakes; see docs/engine.md for figures.
     */
    public enum Wait {
        /** Lock and condition: no CPU while idle; every publish takes the lock to signal. */
        BLOCKING,
        /** Like {@link #BLOCKING}, but a publish signals only when the engine is actually asleep. */
        LITE_BLOCKING,
        /**
         * Spin up to {@value #SPIN_MICROS} µs, yield up to {@value #YIELD_MICROS} µs, then sleep as
         * {@link #LITE_BLOCKING}: fast while inputs keep coming, no CPU once they stop.
         */
        BACKOFF,
        /** Spin, then yield, then park 100 ns at a time: little CPU while idle, no lock on publish. */
        SLEEPING,
        /** Spin, then yield: a core's worth of CPU even when idle, shared with anything runnable. */
        YIELDING,
        /** Spin: one core owned by the engine; only with a core to spare for it. */
        BUSY_SPIN;

        static final int SPIN_MICROS = 20;
        static final int YIELD_MICROS = 200;

        /** From a config spelling: {@code blocking}, {@code lite-blocking}, {@code backoff}, {@code sleeping}, {@code yielding}, {@code busy-spin}. */
        public static Wait of(String name) {
            for (Wait w : values()) {
                if (w.name().replace('_', '-').equalsIgnoreCase(name)) {
                    return w;
                }
            }
            throw new IllegalArgumentException("waitStrategy must be blocking, lite-blocking, backoff, sleeping, yielding or busy-spin, not '" + name + "'");
        }

        WaitStrategy strategy() {
            return switch (this) {
                case BLOCKING -> new BlockingWaitStrategy();
                case LITE_BLOCKING -> new LiteBlockingWaitStrategy();
                case BACKOFF -> PhasedBackoffWaitStrategy.withLiteLock(SPIN_MICROS, YIELD_MICROS, TimeUnit.MICROSECONDS);
                case SLEEPING -> new SleepingWaitStrategy();
                case YIELDING -> new YieldingWaitStrategy();
                case BUSY_SPIN -> new BusySpinWaitStrategy();
            };
        }
    }

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

    /**
     * The engine thread's name, so that an operator can find it to give it a core or a real-time priority
     * ({@code chrt -f -p 10 TID}, see docs/engine.md); Linux shows its first 15 characters.
     */
    public static final String THREAD_NAME = "ekc-engine";

    private final Disruptor<Slot> disruptor;
    private final RingBuffer<Slot> ring;
    private final LongSupplier clock;

    /** With the default wait, {@link Wait#BLOCKING}. */
    public EngineRing(int size, LongSupplier clock, Handler handler) {
        this(size, clock, handler, Wait.BLOCKING);
    }

    public EngineRing(int size, LongSupplier clock, Handler handler, Wait wait) {
        this.clock = clock;
        this.disruptor = new Disruptor<>(Slot::new, size, EngineRing::engineThread, ProducerType.MULTI,
                wait.strategy());
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

    private static Thread engineThread(Runnable r) {
        Thread t = new Thread(r, THREAD_NAME);
        t.setDaemon(true);
        return t;
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
