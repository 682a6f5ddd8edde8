package ekc.sip;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's message processors (named in {@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY}), with UDP's receive
 * loop ours. Each datagram is received into one reused buffer and copied at its own length (the RI allocated a buffer
 * of the message-size limit, 8 KiB, per datagram: 73 KB of garbage a call, JFR 2026-12-02). The copy then goes
 * straight to its call's lane ({@link Dispatch}, set by the adapter once the stack runs), where the RI parses and
 * processes it and our listener runs without a further hand-off: the RI queued every datagram for its parser threads,
 * which parsed it and handed it to the lane, two thread wake-ups per datagram where one is needed (futex and
 * scheduler work that was a large part of the CPU per call at 1,300 calls/s). Parsing on the lane also keeps each
 * call's messages in arrival order. ACKs are parsed on this thread (see the receive loop). Before a dispatch is set
 * this thread parses every datagram itself; with the RI's thread pool
 * off ({@code THREAD_POOL_SIZE} unset) the RI's own loop runs. Public, with a no-argument constructor: the RI instantiates it by name.
 */
public final class UdpProcessors extends OIOMessageProcessorFactory {

    private static final Logger LOG = LoggerFactory.getLogger(UdpProcessors.class);
    private static final Field UDP_FLAG = stackField("udpFlag");
    private static final Field POOL_SIZE = stackField("threadPoolSize");
    /** The RI parses and processes a datagram in this private method of its channel; a channel is one thread's. */
    private static final MethodHandle PROCESS = processMethod();

    /** Where a received datagram is parsed: the lane of its Call-ID. */
    interface Dispatch {
        /** Runs {@code parse} on the lane of {@code callId} (null when none was found); false when that lane is full. */
        boolean run(String callId, Runnable parse);
    }

    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port,
            String transport) throws IOException {
        if (!"udp".equalsIgnoreCase(transport)) {
            return super.createMessageProcessor(stack, address, port, transport);
        }
        MessageProcessor p = new Udp(address, stack, port);
        try {
            // what the RI's own factory sets: replies go out through the listening socket (package-private there)
            UDP_FLAG.setBoolean(stack, true);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return p;
    }

    /** Sends every UDP datagram the provider's listening points receive to {@code dispatch} from now on. */
    static void dispatchTo(javax.sip.SipProvider provider, Dispatch dispatch) {
        for (javax.sip.ListeningPoint lp : provider.getListeningPoints()) {
            if (lp instanceof gov.nist.javax.sip.ListeningPointImpl impl && impl.getMessageProcessor() instanceof Udp udp) {
                udp.dispatch = dispatch;
            }
        }
    }

    /** A field the RI keeps to its own package. */
    private static Field stackField(String name) {
        try {
            Field f = SIPTransactionStack.class.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static MethodHandle processMethod() {
        try {
            return MethodHandles.privateLookupIn(UDPMessageChannel.class, MethodHandles.lookup())
                    .findVirtual(UDPMessageChannel.class, "processIncomingDataPacket",
                            MethodType.methodType(void.class, DatagramPacket.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The Call-ID of a SIP message in {@code length} bytes (full or compact header name), or null; a cheap scan, no
     * parse. A wrong answer only costs a hand-off: the listener checks the parsed Call-ID's lane again.
     */
    static String callId(byte[] b, int length) {
        int i = 0;
        while (i < length && b[i++] != '\n') {
            // the request or status line is no header
        }
        while (i < length) {
            int end = i;
            while (end < length && b[end] != '\n') {
                end++;
            }
            int lineEnd = end > i && b[end - 1] == '\r' ? end - 1 : end;
            if (lineEnd == i) {
                return null; // the blank line: the headers ended without a Call-ID
            }
            int nameEnd = i;
            while (nameEnd < lineEnd && b[nameEnd] != ':' && b[nameEnd] != ' ' && b[nameEnd] != '\t') {
                nameEnd++;
            }
            if (isCallId(b, i, nameEnd)) {
                int v = nameEnd;
                while (v < lineEnd && (b[v] == ' ' || b[v] == '\t' || b[v] == ':')) {
                    v++;
                }
                int e = lineEnd;
                while (e > v && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
                    e--;
                }
                return e > v ? new String(b, v, e - v, StandardCharsets.ISO_8859_1) : null;
            }
            i = end + 1;
        }
        return null;
    }

    static boolean isAck(byte[] b, int length) {
        return length > 4 && b[0] == 'A' && b[1] == 'C' && b[2] == 'K' && b[3] == ' ';
    }

    private static boolean isCallId(byte[] b, int from, int to) {
        if (to - from == 1) {
            return (b[from] | 0x20) == 'i';
        }
        if (to - from != 7) {
            return false;
        }
        String name = "call-id";
        for (int k = 0; k < 7; k++) {
            if ((b[from + k] | 0x20) != name.charAt(k)) { // | 0x20: lower case for letters, '-' stays
                return false;
            }
        }
        return true;
    }

    /** The RI's UDP processor; only its receive loop is ours. */
    private static final class Udp extends UDPMessageProcessor {

        private final int parsers;
        /** The RI's channels, each used by one thread only (its parse state is per message): a lane's, or ours. */
        private final ThreadLocal<UDPMessageChannel> channels;
        private volatile Dispatch dispatch;
        private long refused;

        @SuppressWarnings("rawtypes")
        Udp(InetAddress address, SIPTransactionStack stack, int port) throws IOException {
            super(address, stack, port);
            try {
                parsers = POOL_SIZE.getInt(stack);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            messageChannels = new LinkedList(); // the RI's stop() closes what is in it: no parser thread of its own here
            // the RI's constructor for a channel that starts no thread (its "outgoing" one); every field it sets is
            // set again for each datagram processed
            channels = ThreadLocal.withInitial(() -> new UDPMessageChannel(getIpAddress(), getPort(), sipStack, this) { });
        }

        @Override
        public void run() {
            if (parsers <= 0) {
                super.run(); // no pool (the RI's default): a thread per datagram, as the RI does it
                return;
            }
            byte[] buffer = new byte[StackProperties.MAX_MESSAGE_BYTES];
            DatagramPacket received = new DatagramPacket(buffer, buffer.length);
            int failures = 0;
            while (isRunning) {
                try {
                    received.setLength(buffer.length);
                    sock.receive(received);
                    int length = received.getLength();
                    DatagramPacket copy = new DatagramPacket(Arrays.copyOf(buffer, length), length,
                            received.getAddress(), received.getPort());
                    Dispatch to = dispatch;
                    if (to == null || isAck(buffer, length)) {
                        // an ACK here, at once: the RI stops retransmitting our 200 OK when it sees the ACK, and a
                        // backlog on the lane would otherwise hold the ACK while retransmissions add to the backlog.
                        // Its listener call is still queued on the lane, behind the 200 OK it follows.
                        process(copy);
                    } else if (!to.run(callId(buffer, length), () -> process(copy)) && refused++ % 10_000 == 0) {
                        LOG.warn("SIP lanes full: {} datagram(s) dropped so far", refused);
                    }
                    failures = 0;
                } catch (SocketTimeoutException e) {
                    // as the RI: keep listening
                } catch (IOException | RuntimeException e) {
                    if (!isRunning) {
                        return; // stop() closed the socket
                    }
                    if (failures++ < 3) {
                        LOG.warn("SIP UDP receive failed on port {}: {}", getPort(), e.toString());
                    }
                }
            }
        }

        /** What the RI's parser threads do with a datagram, on the calling thread. */
        private void process(DatagramPacket packet) {
            try {
                PROCESS.invokeExact(channels.get(), packet);
            } catch (Throwable e) {
                LOG.warn("SIP datagram from {}:{} not processed: {}", packet.getAddress(), packet.getPort(), e.toString());
            }
        }
    }
}
