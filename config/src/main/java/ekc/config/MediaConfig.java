package ekc.config;

import java.util.List;

/**
 * RTP: the address media is sent from and the port range for sessions; where prompts live; the media
 * engine's threads, their real-time priority and socket layer (transport); whether the caller's voice stops a prompt; how often RTCP reports
 * go out; how long a caller's media may stop before the call is taken as gone.
 */
public record MediaConfig(String host, Integer rtpPortMin, Integer rtpPortMax, String promptsDir,
                          Integer threads, Boolean bargeIn, Integer rtcpIntervalSeconds, Integer rtpTimeoutSeconds,
                          Integer realtimePriority, String transport) {

    /** {@code transport}'s values: the best available, or one by name. */
    public static final List<String> TRANSPORTS = List.of("auto", "io_uring", "epoll", "nio");

    public MediaConfig {
        host = host != null ? host : "127.0.0.1";
        rtpPortMin = rtpPortMin != null ? rtpPortMin : 20000;
        rtpPortMax = rtpPortMax != null ? rtpPortMax : 29999;
        Check.port("rtpPortMin", rtpPortMin);
        Check.port("rtpPortMax", rtpPortMax);
        if (rtpPortMin > rtpPortMax) {
            throw new IllegalArgumentException("rtpPortMin " + rtpPortMin + " is above rtpPortMax " + rtpPortMax);
        }
        // null promptsDir: the prompts embedded in the application
        // threads 0: one event loop per core
        threads = threads != null ? threads : 0;
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (one per core) or more, not " + threads);
        }
        bargeIn = bargeIn != null ? bargeIn : Boolean.TRUE;
        rtcpIntervalSeconds = rtcpIntervalSeconds != null ? rtcpIntervalSeconds : 5;
        if (rtcpIntervalSeconds < 1) {
            throw new IllegalArgumentException("rtcpIntervalSeconds must be 1 or more, not " + rtcpIntervalSeconds);
        }
        // 0: never hang up for lack of media
        rtpTimeoutSeconds = rtpTimeoutSeconds != null ? rtpTimeoutSeconds : 60;
        if (rtpTimeoutSeconds < 0) {
            throw new IllegalArgumentException("rtpTimeoutSeconds must be 0 (off) or more, not " + rtpTimeoutSeconds);
        }
        // 0: the event loops run as ordinary threads; 1-99: SCHED_FIFO at that priority (Linux)
        realtimePriority = realtimePriority != null ? realtimePriority : 0;
        if (realtimePriority < 0 || realtimePriority > 99) {
            throw new IllegalArgumentException("realtimePriority must be 0 (off) or 1-99 (SCHED_FIFO), not " + realtimePriority);
        }
        // auto: epoll, else NIO; io_uring when named
        transport = transport != null ? transport : "auto";
        if (!TRANSPORTS.contains(transport)) {
            throw new IllegalArgumentException("transport must be one of " + String.join(", ", TRANSPORTS) + ", not " + transport);
        }
    }

    /** All but the transport, which is auto. */
    public MediaConfig(String host, Integer rtpPortMin, Integer rtpPortMax, String promptsDir,
                       Integer threads, Boolean bargeIn, Integer rtcpIntervalSeconds, Integer rtpTimeoutSeconds,
                       Integer realtimePriority) {
        this(host, rtpPortMin, rtpPortMax, promptsDir, threads, bargeIn, rtcpIntervalSeconds, rtpTimeoutSeconds,
                realtimePriority, null);
    }

    /** The first four fields; the rest take their defaults. */
    public MediaConfig(String host, Integer rtpPortMin, Integer rtpPortMax, String promptsDir) {
        this(host, rtpPortMin, rtpPortMax, promptsDir, null, null, null, null, null, null);
    }

    /** Event loops to run: {@link #threads()}, or the number of cores when that is 0. */
    public int eventLoops() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
