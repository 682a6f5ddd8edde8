package ekc.sip;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ordered lanes: every message and command of one call runs on the same single thread, in arrival
 * order, so an ACK or BYE can never overtake the 200 OK it follows (what goes wrong when JAIN-SIP's
 * own thread pool hands one dialog's messages to several threads). Different calls run in parallel.
 * Thread-safe.
 *
 * <p>A lane is a thread with a lock-free queue; it parks only when its queue is empty, and a producer unparks it
 * only when it is parked. On a {@code ThreadPoolExecutor} with an {@code ArrayBlockingQueue} (what this was) the
 * receive thread, the dispatcher, the timers and the lane itself took one lock per task, and contention on it was
 * futex calls and wake-ups too, on a machine whose limit under SIP load is CPU.
 */
final class Lanes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Lanes.class);

    private final Lane[] lanes;

    Lanes(int count, int capacity) {
        lanes = new Lane[count];
        for (int i = 0; i < count; i++) {
            lanes[i] = new Lane("ekc-sip-lane-" + i, capacity);
            lanes[i].thread.start();
        }
    }

    /** The lane a key (a Call-ID) belongs to. */
    int laneOf(String key) {
        return Math.floorMod(key.hashCode(), lanes.length);
    }

    /** Runs a task on a lane; false when the lane is full (overload: the caller sheds the work). */
    boolean run(int lane, Runnable task) {
        return lanes[lane].offer(task);
    }

    /**
     * Runs a task now when called on its lane's own thread (a datagram parsed there: the listener is already in
     * order), else queues it like {@link #run}.
     */
    boolean handle(int lane, Runnable task) {
        if (Thread.currentThread() == lanes[lane].thread) {
            runSafely(task);
            return true;
        }
        return run(lane, task);
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("SIP task failed", e);
        }
    }

    @Override
    public void close() {
        for (Lane lane : lanes) {
            lane.closed = true;
            LockSupport.unpark(lane.thread);
        }
        for (Lane lane : lanes) {
            try {
                lane.thread.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static final class Lane {

        final Thread thread;
        final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
        final AtomicInteger size = new AtomicInteger();
        final AtomicBoolean parked = new AtomicBoolean();
        final int capacity;
        volatile boolean closed;

        Lane(String name, int capacity) {
            this.capacity = capacity;
            thread = new Thread(this::loop, name);
            thread.setDaemon(true);
        }

        boolean offer(Runnable task) {
            if (closed || size.incrementAndGet() > capacity) {
                size.decrementAndGet();
                return false;
            }
            queue.offer(task);
            if (parked.get() && parked.compareAndSet(true, false)) {
                LockSupport.unpark(thread);
            }
            return true;
        }

        private void loop() {
            while (!closed) {
                Runnable task = queue.poll();
                if (task != null) {
                    size.decrementAndGet();
                    runSafely(task);
                    continue;
                }
                parked.set(true);
                if (queue.isEmpty() && !closed) { // a task offered before the flag was set is seen here
                    LockSupport.park(this);
                }
                parked.set(false);
            }
        }
    }
}
