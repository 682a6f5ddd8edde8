package ekc.sip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test double for the media module's MediaServer (the media module is built by another engineer
 * and is not a dependency of sip-adapter): each leg gets a real bound UDP socket, so the port in
 * our SDP is a real one; it records connect/release so tests can check what SIP asked of media.
 * Thread-safe.
 */
final class UdpMediaPorts implements MediaPorts {

    record Connected(long legId, String host, int port, int payloadType, int telephoneEventPt) {}

    final Map<Long, DatagramSocket> open = new ConcurrentHashMap<>();
    final List<Connected> connected = new CopyOnWriteArrayList<>();
    final List<Long> released = new CopyOnWriteArrayList<>();
    final List<Long> allocatedCallerLegs = new CopyOnWriteArrayList<>();

    @Override
    public int allocate(long legId, long callId, boolean callerLeg) {
        DatagramSocket s = open.computeIfAbsent(legId, id -> {
            try {
                return new DatagramSocket(0, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (callerLeg) {
            allocatedCallerLegs.add(legId);
        }
        return s.getLocalPort();
    }

    @Override
    public void connect(long legId, String remoteHost, int remotePort, int payloadType, int telephoneEventPt) {
        connected.add(new Connected(legId, remoteHost, remotePort, payloadType, telephoneEventPt));
    }

    @Override
    public void release(long legId) {
        DatagramSocket s = open.remove(legId);
        if (s != null) {
            s.close();
        }
        released.add(legId);
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    void closeAll() {
        open.values().forEach(DatagramSocket::close);
        open.clear();
    }
}
