package ekc.sip;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JAIN-SIP RI settings, and why each one. Used once per adapter at start-up.
 *
 * <p>The RI with its defaults stalls near 300 calls/s: a thread per UDP datagram, a
 * {@code java.util.Timer} for every transaction timer, a 10,000 server-transaction cap that
 * non-INVITE transactions (kept 32 s after completion over UDP) fill at a few hundred calls/s,
 * after which requests are dropped silently, and debug logging of every message. With a thread pool
 * above 1 the listener sees one dialog's messages on several threads at once, so an ACK or a BYE
 * can be handled before the 200 OK it belongs to — the lost ACKs and BYEs. We let the listener be
 * re-entered ({@code REENTRANT_LISTENER}) and keep per-dialog order ourselves with {@link Lanes}: a UDP
 * datagram is parsed on its call's lane ({@link UdpProcessors}; a {@code THREAD_POOL_SIZE} above 0 is
 * what selects that receive loop, the RI's own parser threads are not started), TCP on the RI's
 * fixed post-parsing pool.
 */
final class StackProperties {

    private static final AtomicInteger STACKS = new AtomicInteger();
    /** The largest SIP message accepted, UDP or TCP; a longer UDP datagram is cut and then rejected. */
    static final int MAX_MESSAGE_BYTES = 8192;

    private StackProperties() {}

    static Properties of(String host, int parserThreads) {
        Properties p = new Properties();
        // the factory caches stacks by name: every adapter (tests start several) needs its own
        p.setProperty("javax.sip.STACK_NAME", "ekc-sip-" + STACKS.incrementAndGet());
        p.setProperty("javax.sip.IP_ADDRESS", host);
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(parserThreads));
        p.setProperty("gov.nist.javax.sip.TCP_POST_PARSING_THREAD_POOL_SIZE", Integer.toString(parserThreads));
        p.setProperty("gov.nist.javax.sip.TIMER_CLASS_NAME", StackTimer.class.getName()); // not java.util.Timer; see StackTimer
        p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", "1000000");
        p.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", "1000000");
        // the RI allocates a fresh buffer of this size for every UDP datagram it receives: at 65536 that
        // was half of all allocation under SIPp load (JFR, 2026-12-01), and with it the GC pauses. 8 KiB is
        // over twice the longest RFC 4475 message; RFC 3261 §18.1.1 sends anything near the MTU by TCP
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(MAX_MESSAGE_BYTES));
        // ...and queued that buffer for the parser threads: ours receives into one buffer and queues a copy of the
        // datagram's own length (UdpProcessors)
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", UdpProcessors.class.getName());
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(4 << 20));
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", Integer.toString(4 << 20));
        p.setProperty("gov.nist.javax.sip.CACHE_SERVER_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.AGGRESSIVE_CLEANUP", "true");
        p.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "false");
        // the stack answers 100 Trying itself only when we are slow; we send it at once
        p.setProperty("gov.nist.javax.sip.AUTOMATIC_DIALOG_ERROR_HANDLING", "true");
        // logging off: the RI formats every message for its debug log unless told not to
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        p.setProperty("gov.nist.javax.sip.LOG_STACK_TRACE_ON_MESSAGE_SEND", "false");
        return p;
    }
}
