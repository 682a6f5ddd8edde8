package ekc.sip;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ordered lanes: every message and command of one call runs on the same single thread, in arrival
 * order, so an ACK or BYE can never overtake the 200 OK it follows (what goes wrong when JAIN-SIP's
 * own thread pool hands one dialog's messages to several threads). Different calls run in parallel.
 * Thread-safe.
 */
final class Lanes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Lanes.class);

    private final ExecutorService[] lanes;
    /** Each lane's thread, once started (written before the thread starts, so it sees its own). */
    private final Thread[] threads;

    Lanes(int count, int capacity) {
        lanes = new ExecutorService[count];
        threads = new Thread[count];
        for (int i = 0; i < count; i++) {
            int lane = i;
            lanes[i] = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity), r -> {
                Thread t = new Thread(r, "ekc-sip-lane-" + lane);
                t.setDaemon(true);
                threads[lane] = t;
                return t;
            });
        }
    }

    /** The lane a key (a Call-ID) belongs to. */
    int laneOf(String key) {
        return Math.floorMod(key.hashCode(), lanes.length);
    }

    /** Runs a task on a lane; false when the lane is full (overload: the caller sheds the work). */
    boolean run(int lane, Runnable task) {
        try {
            lanes[lane].execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("SIP task failed", e);
                }
            });
            return true;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return false;
        }
    }

    /**
     * Runs a task now when called on its lane's own thread (a datagram parsed there: the listener is already in
     * order), else queues it like {@link #run}.
     */
    boolean handle(int lane, Runnable task) {
        if (Thread.currentThread() == threads[lane]) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("SIP task failed", e);
            }
            return true;
        }
        return run(lane, task);
    }

    @Override
    public void close() {
        for (ExecutorService lane : lanes) {
            lane.shutdownNow();
        }
        for (ExecutorService lane : lanes) {
            try {
                lane.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
