package ekc.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test phone on a real UDP socket: sends RTP (audio paced at 20 ms by its own timer, events, raw packets) to
 * a MediaServer port and collects what comes back. Its own threads; the queue is the hand-over.
 */
final class Phone implements AutoCloseable {

    final DatagramSocket socket;
    final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private InetSocketAddress target;
    int ssrc = 0x1234_5678;
    int seq = 1000;
    int timestamp = 50_000;
    private final AtomicInteger sent = new AtomicInteger();

    Phone() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        reader = new Thread(() -> {
            byte[] buf = new byte[2048];
            while (!socket.isClosed()) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(p);
                    received.add(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                } catch (IOException e) {
                    return;
                }
            }
        }, "test-phone");
        reader.setDaemon(true);
        reader.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    Phone to(int port) {
        target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        return this;
    }

    synchronized void rtp(boolean marker, int payloadType, int sequence, int ts, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(12 + payload.length);
        b.put((byte) 0x80).put((byte) ((marker ? 0x80 : 0) | payloadType)).putShort((short) sequence).putInt(ts).putInt(ssrc).put(payload);
        send(b.array());
    }

    synchronized void send(byte[] datagram) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, target));
            sent.incrementAndGet();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the next 20 ms audio frame (encoded with the payload type). */
    synchronized void frame(int payloadType, short[] pcm, int offset) {
        byte[] payload = new byte[160];
        short[] chunk = new short[160];
        System.arraycopy(pcm, offset, chunk, 0, Math.min(160, pcm.length - offset));
        G711.encode(payloadType, chunk, 0, 160, payload);
        rtp(false, payloadType, seq, timestamp, payload);
        seq = (seq + 1) & 0xFFFF;
        timestamp += 160;
    }

    /** Streams {@code pcm} in real time; {@code then} runs on the pacer after the last frame. */
    ScheduledFuture<?> stream(int payloadType, short[] pcm, Runnable then) {
        int frames = pcm.length / 160;
        AtomicInteger next = new AtomicInteger();
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        ScheduledFuture<?> f = pacer.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i < frames) {
                frame(payloadType, pcm, i * 160);
            } else if (i == frames) {
                if (then != null) {
                    then.run();
                }
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
        self[0] = f;
        return f;
    }

    /** An RFC 4733 digit as a phone sends it: start with marker, 4 continuations, end ×3; audio clock moves on. */
    synchronized void digit(int eventPt, char digit) {
        int event = Dtmf.eventOf(digit);
        int ts = timestamp;
        for (int i = 1; i <= 5; i++) {
            rtp(i == 1, eventPt, seq, ts, new byte[] {(byte) event, 10, (byte) ((160 * i) >> 8), (byte) (160 * i)});
            seq = (seq + 1) & 0xFFFF;
        }
        for (int i = 0; i < 3; i++) {
            rtp(false, eventPt, seq, ts, new byte[] {(byte) event, (byte) 0x8A, (byte) (800 >> 8), (byte) 800});
            seq = (seq + 1) & 0xFFFF;
        }
        timestamp += 800;
    }

    /** The next received packet, or null after the timeout. */
    byte[] next(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        pacer.shutdownNow();
        socket.close();
    }
}
