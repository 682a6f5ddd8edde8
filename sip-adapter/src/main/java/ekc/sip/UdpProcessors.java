package ekc.sip;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.LinkedList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's message processors (named in {@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY}), with one change
 * to UDP: each datagram is received into one reused buffer and queued for the parser threads as a copy of its own
 * length. The RI receives every datagram into a fresh buffer of the message-size limit (8 KiB): at 1,300 calls/s
 * that was 73 KB of garbage a call (9 datagrams), the largest allocation site (JFR, 2026-12-02), and whenever
 * parsing falls behind (a GC pause, the cold JIT) each waiting ~500-byte message held 8 KiB, which the GC then
 * copied and promoted — a longer next pause, a longer backlog. Public, with a no-argument constructor: the RI
 * instantiates it by name.
 */
public final class UdpProcessors extends OIOMessageProcessorFactory {

    private static final Logger LOG = LoggerFactory.getLogger(UdpProcessors.class);
    private static final Field UDP_FLAG = stackField("udpFlag");
    private static final Field POOL_SIZE = stackField("threadPoolSize");

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

    /** The RI's UDP processor; only its receive loop is ours. */
    private static final class Udp extends UDPMessageProcessor {

        private final String name;
        private final int parsers;

        Udp(InetAddress address, SIPTransactionStack stack, int port) throws IOException {
            super(address, stack, port);
            name = ((SipStackImpl) stack).getStackName() + "-UDPMessageChannelThread-";
            try {
                parsers = POOL_SIZE.getInt(stack);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public void run() {
            if (parsers <= 0) {
                super.run(); // no pool (the RI's default): a thread per datagram, as the RI does it
                return;
            }
            // the parser threads, as the RI starts them (its constructor is protected: an anonymous subclass)
            messageChannels = new LinkedList();
            for (int i = 0; i < parsers; i++) {
                messageChannels.add(new UDPMessageChannel(sipStack, this, name + i) { });
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
                    messageQueue.offer(new DatagramQueuedMessageDispatch(copy, System.currentTimeMillis()));
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
    }
}
