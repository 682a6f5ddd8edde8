package ekc.sip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A bare UDP socket speaking SIP by hand: for malformed and torture messages and digest by hand. Test thread. */
final class RawSip implements AutoCloseable {

    final DatagramSocket socket;
    private final int target;

    RawSip(int target) {
        this.target = target;
        try {
            socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    void send(byte[] bytes) {
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(String text) {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The next message received within the timeout, or null. */
    String receive(int timeoutMillis) {
        byte[] buf = new byte[65_536];
        DatagramPacket in = new DatagramPacket(buf, buf.length);
        try {
            socket.setSoTimeout(timeoutMillis);
            socket.receive(in);
            return new String(buf, 0, in.getLength(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next final response (skipping 1xx), or null. */
    String finalResponse(int timeoutMillis) {
        long until = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (System.nanoTime() < until) {
            String m = receive((int) Math.max(1, (until - System.nanoTime()) / 1_000_000L));
            if (m == null) {
                return null;
            }
            if (m.startsWith("SIP/2.0 ") && m.charAt(8) != '1') {
                return m;
            }
        }
        return null;
    }

    static int status(String response) {
        return response == null ? -1 : Integer.parseInt(response.substring(8, 11));
    }

    @Override
    public void close() {
        socket.close();
    }
}
