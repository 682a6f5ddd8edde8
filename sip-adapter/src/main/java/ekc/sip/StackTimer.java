package ekc.sip;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.SIPStackTimerTask;
import gov.nist.javax.sip.stack.timers.SipTimer;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's transaction and dialog timers, run on one daemon thread, "ekc-sip-stack-timer", on a timing wheel that
 * turns every {@value #TICK_MILLIS} ms while a timer is pending.
 *
 * <p>Why a wheel: the RI arms several timers per call (retransmission, Timer J's 32 s, the dialog's linger) and most
 * are cancelled or fire in bulk. On a {@code ScheduledThreadPoolExecutor} (what this was) every firing woke the
 * thread on its own and every timer that became the earliest woke it again: about two thread wake-ups a call, 115 µs
 * of CPU a call at 700 calls/s (benchmarks/sip-cpu.sh, 2026-12-02), on a machine whose limit is CPU. Here the thread
 * wakes on the tick and runs everything due; scheduling never wakes it, except to start turning. A timer runs up to
 * one tick late, never early; SIP's timers (T1 = 500 ms) do not notice 10 ms.
 *
 * <p>Why not the RI's {@code ScheduledExecutorSipTimer}: its thread is not a daemon and its {@code stop()} only calls
 * {@code shutdown()}, so the timers still pending (a completed transaction's 32 s Timer J, …) kept the stopped stack's
 * thread, and the JVM, alive. Here stop drops them, and a cancelled timer leaves the wheel at once (it holds its
 * transaction). Public with a no-argument constructor because the RI instantiates it by name
 * ({@code gov.nist.javax.sip.TIMER_CLASS_NAME}). Thread-safe.
 */
public final class StackTimer implements SipTimer {

    private static final Logger LOG = LoggerFactory.getLogger(StackTimer.class);
    static final long TICK_MILLIS = 10;
    private static final int SLOTS = 512; // one turn: 5.12 s; a later timer stays in its slot until its turn

    private final Entry[] slots = new Entry[SLOTS];
    private final Thread thread;
    private final long origin = System.nanoTime();
    /** Ticks done: every slot for a tick below this has been run. Guarded by this. */
    private long tick;
    private int pending; // guarded by this
    private volatile boolean stopped;

    /** A pending timer, linked in its slot. Guarded by the timer's lock. */
    private static final class Entry {
        final SIPStackTimerTask task;
        final long periodTicks; // 0: once; else the fixed delay between runs, rounded up to ticks
        long dueTick;
        Entry prev;
        Entry next;
        boolean linked;
        boolean cancelled;

        Entry(SIPStackTimerTask task, long periodTicks) {
            this.task = task;
            this.periodTicks = periodTicks;
        }
    }

    public StackTimer() {
        thread = new Thread(this::turn, "ekc-sip-stack-timer");
        thread.setDaemon(true);
    }

    @Override
    public void start(SipStackImpl stack, Properties properties) {
        thread.start();
    }

    @Override
    public boolean schedule(SIPStackTimerTask task, long delayMillis) {
        return add(task, delayMillis, 0);
    }

    @Override
    public boolean scheduleWithFixedDelay(SIPStackTimerTask task, long delayMillis, long periodMillis) {
        return add(task, delayMillis, Math.max(1, ticks(periodMillis)));
    }

    private boolean add(SIPStackTimerTask task, long delayMillis, long periodTicks) {
        if (stopped) {
            throw new IllegalStateException("the SIP stack's timer is stopped");
        }
        Entry e = new Entry(task, periodTicks);
        boolean wake;
        synchronized (this) {
            e.dueTick = now() + 1 + ticks(delayMillis); // now() is the current tick's start: + 1, never early
            task.setSipTimerTask(e);
            wake = link(e) == 1;
        }
        if (wake) {
            LockSupport.unpark(thread); // it waits without ticking while nothing is pending
        }
        return true;
    }

    @Override
    public boolean cancel(SIPStackTimerTask task) {
        if (!(task.getSipTimerTask() instanceof Entry e)) {
            return false;
        }
        task.cleanUpBeforeCancel();
        task.setSipTimerTask(null);
        synchronized (this) {
            boolean wasPending = !e.cancelled && (e.linked || e.periodTicks > 0);
            e.cancelled = true;
            if (e.linked && !stopped) {
                unlink(e);
            }
            return wasPending;
        }
    }

    @Override
    public void stop() {
        stopped = true;
        synchronized (this) {
            java.util.Arrays.fill(slots, null);
            pending = 0;
        }
        LockSupport.unpark(thread);
    }

    @Override
    public boolean isStarted() {
        return thread.isAlive() && !stopped;
    }

    private void turn() {
        List<Entry> due = new ArrayList<>();
        while (!stopped) {
            synchronized (this) {
                long now = now();
                // every slot at most once: a timer due by now is in one of them, whatever its turn
                for (long t = tick, last = Math.min(now, tick + SLOTS - 1); t <= last; t++) {
                    collect(t, now, due);
                }
                tick = Math.max(tick, now + 1);
            }
            for (Entry e : due) {
                run(e);
            }
            due.clear();
            boolean idle;
            synchronized (this) {
                idle = pending == 0;
                if (idle) {
                    tick = now() + 1; // nothing can be due before a new timer's first tick
                }
            }
            if (idle) {
                LockSupport.park(this);
            } else {
                long next = origin + tick * TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
                LockSupport.parkNanos(this, Math.max(1, next - System.nanoTime()));
            }
        }
    }

    /** Unlinks into {@code due} every timer of the tick's slot that is due by {@code now}; later ones stay. */
    private void collect(long t, long now, List<Entry> due) {
        Entry e = slots[(int) (t % SLOTS)];
        while (e != null) {
            Entry next = e.next;
            if (e.dueTick <= now) {
                unlink(e);
                due.add(e);
            }
            e = next;
        }
    }

    private void run(Entry e) {
        synchronized (this) {
            if (e.cancelled || stopped) {
                return;
            }
        }
        try {
            e.task.runTask();
        } catch (RuntimeException ex) {
            LOG.warn("SIP stack timer failed", ex); // one failed timer must not stop the others
        }
        if (e.periodTicks > 0) {
            synchronized (this) {
                if (!e.cancelled && !stopped) {
                    e.dueTick = now() + 1 + e.periodTicks; // fixed delay: from the end of this run
                    link(e);
                }
            }
        }
    }

    /** Links a timer into its slot; the number pending after. */
    private int link(Entry e) {
        int s = (int) (e.dueTick % SLOTS);
        e.prev = null;
        e.next = slots[s];
        if (e.next != null) {
            e.next.prev = e;
        }
        slots[s] = e;
        e.linked = true;
        return ++pending;
    }

    private void unlink(Entry e) {
        if (e.prev != null) {
            e.prev.next = e.next;
        } else {
            slots[(int) (e.dueTick % SLOTS)] = e.next;
        }
        if (e.next != null) {
            e.next.prev = e.prev;
        }
        e.prev = null;
        e.next = null;
        e.linked = false;
        pending--;
    }

    private long now() {
        return (System.nanoTime() - origin) / TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
    }

    private static long ticks(long millis) {
        return (millis + TICK_MILLIS - 1) / TICK_MILLIS;
    }
}
