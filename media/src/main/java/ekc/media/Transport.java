package ekc.media;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;

/**
 * The socket layer under the media event loops. io_uring: a loop turn's sends and re-armed receives go to the kernel
 * in one {@code io_uring_enter} instead of one system call per packet (a {@code sendto} and a {@code recvmsg} per
 * packet with epoll, which each leg's own socket keeps from batching with {@code sendmmsg}). Epoll: one
 * {@code sendto}/{@code recvmsg} per packet and an {@code epoll_wait} per turn. NIO: anywhere.
 *
 * <p>{@code auto} takes epoll, not io_uring: io_uring cut the loops' system calls 22-fold at 1,000 calls but not their
 * CPU (the kernel's UDP work is the same, and each packet's receive is re-armed through io_uring's poll), and its send
 * jitter was no better at 1,000 calls and worse at 300 (BENCHMARKS.md, Media, 2026-12-02 session 6). It runs when
 * asked for by name.
 */
enum Transport {
    IO_URING("io_uring"),
    EPOLL("epoll"),
    NIO("nio");

    /** Submission queue entries per loop: a slot's sends and a burst's re-armed reads fit without an extra enter. */
    private static final int RING_SIZE = 512;
    /** Completions: every leg keeps two receives armed (RTP, RTCP), so a stall can complete a thousand at once. */
    private static final int COMPLETION_QUEUE_SIZE = 8192;

    final String configName;

    Transport(String configName) {
        this.configName = configName;
    }

    IoHandlerFactory ioHandlerFactory() {
        return switch (this) {
            case IO_URING -> IoUringIoHandler.newFactory(uringConfig());
            case EPOLL -> EpollIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
    }

    private static IoUringIoHandlerConfig uringConfig() {
        // IORING_SETUP_CQSIZE is older (Linux 5.5) than anything Netty's io_uring runs on.
        return new IoUringIoHandlerConfig().setRingSize(RING_SIZE).setCqSize(COMPLETION_QUEUE_SIZE);
    }

    /** What runs, and why a better transport does not (null when the best one runs). */
    record Choice(Transport transport, String why) {
    }

    /** The choice for {@code media.transport} on this machine. */
    static Choice choose(String wanted) {
        return choose(wanted, IoUring.isAvailable() ? null : IoUring.unavailabilityCause(),
                Epoll.isAvailable() ? null : Epoll.unavailabilityCause());
    }

    /**
     * {@code auto}: epoll where available, else NIO. A transport asked for by name runs when it is available; when it
     * is not, the best available one below it runs and {@code why} says so (as with {@code realtimePriority}: the
     * server starts). A null cause means that transport is available; {@code why} is null only when io_uring runs.
     */
    static Choice choose(String wanted, Throwable uringCause, Throwable epollCause) {
        String w = wanted == null ? "auto" : wanted;
        switch (w) {
            case "nio":
                return new Choice(NIO, "media.transport is nio");
            case "auto":
                String auto = "media.transport auto takes epoll (io_uring measured no better here; "
                        + (uringCause == null ? "media.transport: io_uring runs it)" : "not available either: " + cause(uringCause) + ")");
                if (epollCause == null) {
                    return new Choice(EPOLL, auto);
                }
                return new Choice(NIO, auto + "; epoll is not available: " + cause(epollCause));
            case "epoll":
                if (epollCause == null) {
                    return new Choice(EPOLL, "media.transport is epoll");
                }
                return new Choice(NIO, "media.transport is epoll, but epoll is not available: " + cause(epollCause));
            case "io_uring":
                if (uringCause == null) {
                    return new Choice(IO_URING, null);
                }
                String why = "io_uring is not available: " + cause(uringCause);
                if (epollCause == null) {
                    return new Choice(EPOLL, why);
                }
                return new Choice(NIO, why + "; epoll is not available: " + cause(epollCause));
            default:
                throw new IllegalArgumentException("media.transport must be auto, io_uring, epoll or nio, not " + wanted);
        }
    }

    private static String cause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return root == t ? message : t.getMessage() + " (" + message + ")";
    }
}
