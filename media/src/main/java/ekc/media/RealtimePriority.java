package ekc.media;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Makes the calling thread SCHED_FIFO (Linux {@code sched_setscheduler}), as Asterisk ({@code -p}) and FreeSWITCH
 * ({@code -rp}) do for their media threads: a runnable FIFO thread preempts every ordinary thread on its core at
 * once, so the JIT, GC, the journal's writer or another program cannot hold a 20 ms frame back for their time slice.
 * The kernel's real-time throttling ({@code /proc/sys/kernel/sched_rt_runtime_us}, 95 % by default) still leaves
 * ordinary threads a share if a loop should spin.
 */
final class RealtimePriority {

    private static final int SCHED_FIFO = 1;
    /** Threads this one starts (a lazily started writer, say) do not inherit the real-time policy. */
    private static final int SCHED_RESET_ON_FORK = 0x40000000;
    private static final int EPERM = 1;
    private static final int EINVAL = 22;

    private RealtimePriority() {}

    /** libc, loaded on first use: a platform without it (or without JNA's native part) is a refusal, not a failure. */
    private interface LibC extends Library {
        int sched_setscheduler(int pid, int policy, int[] param) throws LastErrorException;
    }

    private static final class Holder {
        static final LibC LIBC = Native.load("c", LibC.class);
    }

    /**
     * SCHED_FIFO at {@code priority} (1-99) for the calling thread. Returns null when applied, else why not
     * (the thread's scheduling is then unchanged). Never throws.
     */
    static String applyToCurrentThread(int priority) {
        try {
            Holder.LIBC.sched_setscheduler(0, SCHED_FIFO | SCHED_RESET_ON_FORK, new int[] {priority}); // 0: this thread
            return null;
        } catch (LastErrorException e) {
            return switch (e.getErrorCode()) {
                case EPERM -> "not permitted (EPERM): run as root, grant CAP_SYS_NICE (systemd: AmbientCapabilities="
                        + "CAP_SYS_NICE) or raise RLIMIT_RTPRIO to " + priority + " (systemd: LimitRTPRIO=" + priority + ")";
                case EINVAL -> "priority " + priority + " is not valid for SCHED_FIFO here (EINVAL)";
                default -> "sched_setscheduler failed, errno " + e.getErrorCode();
            };
        } catch (LinkageError | RuntimeException e) {
            return "not available on this platform (" + e + ")";
        }
    }
}
