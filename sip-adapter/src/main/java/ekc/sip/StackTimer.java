package ekc.sip;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.SIPStackTimerTask;
import gov.nist.javax.sip.stack.timers.SipTimer;
import java.util.Properties;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's transaction and dialog timers, run on one daemon thread, "ekc-sip-stack-timer".
 * Replaces the RI's {@code ScheduledExecutorSipTimer}, whose thread is not a daemon and whose
 * {@code stop()} only calls {@code shutdown()}: the timers still pending (a completed transaction's
 * 32 s Timer J, …) then keep the stopped stack's thread, and the JVM, alive. Here stop drops them,
 * and a cancelled timer leaves the queue at once. Public with a no-argument constructor because
 * the RI instantiates it by name ({@code gov.nist.javax.sip.TIMER_CLASS_NAME}). Thread-safe.
 */
public final class StackTimer implements SipTimer {

    private static final Logger LOG = LoggerFactory.getLogger(StackTimer.class);

    private final ScheduledThreadPoolExecutor executor;

    public StackTimer() {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ekc-sip-stack-timer");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    @Override
    public void start(SipStackImpl stack, Properties properties) {
        executor.prestartAllCoreThreads();
    }

    @Override
    public boolean schedule(SIPStackTimerTask task, long delayMillis) {
        if (executor.isShutdown()) {
            throw new IllegalStateException("the SIP stack's timer is stopped");
        }
        task.setSipTimerTask(executor.schedule(() -> run(task), delayMillis, TimeUnit.MILLISECONDS));
        return true;
    }

    @Override
    public boolean scheduleWithFixedDelay(SIPStackTimerTask task, long delayMillis, long periodMillis) {
        if (executor.isShutdown()) {
            throw new IllegalStateException("the SIP stack's timer is stopped");
        }
        task.setSipTimerTask(executor.scheduleWithFixedDelay(() -> run(task), delayMillis, periodMillis, TimeUnit.MILLISECONDS));
        return true;
    }

    @Override
    public boolean cancel(SIPStackTimerTask task) {
        Object future = task.getSipTimerTask();
        if (!(future instanceof ScheduledFuture<?> f)) {
            return false;
        }
        task.cleanUpBeforeCancel();
        task.setSipTimerTask(null);
        return f.cancel(false);
    }

    @Override
    public void stop() {
        executor.shutdownNow();
    }

    @Override
    public boolean isStarted() {
        return !executor.isShutdown();
    }

    private static void run(SIPStackTimerTask task) {
        try {
            task.runTask();
        } catch (RuntimeException e) {
            LOG.warn("SIP stack timer failed", e); // one failed timer must not stop the others
        }
    }
}
