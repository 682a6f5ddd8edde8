package ekc.app;

import ekc.media.G711;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A citizen for the baresip test, over UDP, with three threads of its own ("tone-caller-sip",
 * "-rtp-out", "-rtp-in"): calls the hotline, says "operator" (a recorded utterance) 1.5 s into
 * Yana's greeting (barge-in, as impatient callers do), again if she asks again, and once it hears the operator's tone ({@code answerHz})
 * sends a tone of its own ({@code toneHz}) without end, so the operator's recording can show the
 * caller's audio arrived. Answers EKC's BYE.
 */
final class ToneCaller implements AutoCloseable {

    private final DatagramSocket sip;
    private final DatagramSocket rtp;
    private final InetSocketAddress ekc;
    private final short[] request;
    private final double toneHz;
    private final double answerHz;
    private final String target;
    private final String callId = UUID.randomUUID() + "@127.0.0.1";
    private final String from;
    private final String invite;
    /** 20 ms frames heard that were mostly the operator's tone. */
    final AtomicInteger operatorToneFrames = new AtomicInteger();
    /** 20 ms frames of our tone sent after the operator was heard. */
    final AtomicInteger toneFramesSent = new AtomicInteger();
    /** Times the caller said "operator". */
    final AtomicInteger requests = new AtomicInteger();
    volatile int finalStatus;
    volatile boolean byeFromEkc;
    private volatile InetSocketAddress media;
    private volatile int payloadType;
    private volatile long lastLoudNanos;
    private volatile long firstLoudNanos;
    private volatile boolean heardSomething;
    private volatile boolean closed;

    ToneCaller(InetSocketAddress ekc, String caller, String called, short[] request, double toneHz, double answerHz) throws IOException {
        this.ekc = ekc;
        this.request = request;
        this.toneHz = toneHz;
        this.answerHz = answerHz;
        this.sip = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.rtp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.target = "sip:" + called + "@" + ekc.getHostString() + ":" + ekc.getPort();
        this.from = "<sip:" + caller + "@127.0.0.1>;tag=" + Long.toHexString(System.nanoTime());
        String sdp = "v=0\r\no=caller 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + rtp.getLocalPort() + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";
        this.invite = "INVITE " + target + " SIP/2.0\r\n" + DemoCaller.via(sip) + "Max-Forwards: 70\r\nFrom: " + from
                + "\r\nTo: <" + target + ">\r\nCall-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nContact: <sip:" + caller
                + "@127.0.0.1:" + sip.getLocalPort() + ">\r\nContent-Type: application/sdp\r\nContent-Length: "
                + sdp.length() + "\r\n\r\n" + sdp;
    }

    void start() {
        thread("sip", this::signalling);
        thread("rtp-in", this::listen);
        thread("rtp-out", this::speak);
    }

    private void thread(String name, Runnable r) {
        Thread t = new Thread(r, "tone-caller-" + name);
        t.setDaemon(true);
        t.start();
    }

    private void signalling() {
        try {
            sip.setSoTimeout(200);
            DemoCaller.send(sip, invite, ekc);
            long lastInvite = System.nanoTime();
            while (!closed) {
                DemoCaller.Message m = DemoCaller.receive(sip);
                if (m == null) {
                    if (finalStatus == 0 && System.nanoTime() - lastInvite > 500_000_000L) {
                        DemoCaller.send(sip, invite, ekc); // UDP: until a response comes
                        lastInvite = System.nanoTime();
                    }
                    continue;
                }
                if (m.isResponse() && m.header("CSeq").endsWith("INVITE") && m.status >= 200) {
                    finalStatus = m.status;
                    String ack = "ACK " + target + " SIP/2.0\r\n" + DemoCaller.via(sip) + "Max-Forwards: 70\r\nFrom: " + from
                            + "\r\nTo: " + m.header("To") + "\r\nCall-ID: " + callId + "\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n";
                    DemoCaller.send(sip, ack, ekc);
                    if (m.status == 200 && media == null) {
                        payloadType = Integer.parseInt(m.body.replaceAll("(?s).*m=audio \\d+ RTP/AVP (\\d+).*", "$1"));
                        media = new InetSocketAddress(m.body.replaceAll("(?s).*c=IN IP4 ([^\\s]+).*", "$1"),
                                Integer.parseInt(m.body.replaceAll("(?s).*m=audio (\\d+) .*", "$1")));
                    }
                } else if (!m.isResponse() && m.method.equals("BYE")) {
                    DemoCaller.send(sip, m.response(200, "OK"), m.source);
                    byeFromEkc = true;
                }
            }
        } catch (IOException e) {
            // the socket closed with the test
        }
    }

    /** Hears EKC: notes when it was last loud, and counts frames of the operator's tone. */
    private void listen() {
        byte[] buf = new byte[2048];
        short[] pcm = new short[1024];
        try {
            rtp.setSoTimeout(200);
            while (!closed) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    rtp.receive(p);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                int pt = buf[1] & 0x7F;
                int n = Math.min(pcm.length, p.getLength() - 12);
                if ((pt != 0 && pt != 8) || n < 160) {
                    continue;
                }
                G711.decode(pt, buf, 12, n, pcm);
                if (Goertzel.share(pcm, 0, 160, answerHz) > 0.6) {
                    operatorToneFrames.incrementAndGet();
                }
                long energy = 0;
                for (int i = 0; i < n; i++) {
                    energy += Math.abs(pcm[i]);
                }
                if (energy / n > 300) {
                    lastLoudNanos = System.nanoTime();
                    heardSomething = true;
                    if (firstLoudNanos == 0) {
                        firstLoudNanos = lastLoudNanos;
                    }
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    /**
     * Every 20 ms one PCMU frame: silence; "operator" 1.5 s into the greeting, and again each time
     * Yana has spoken and been quiet for a second (three times at most); the tone once the operator
     * is heard.
     */
    private void speak() {
        byte[] packet = new byte[12 + 160];
        short[] frame = new short[160];
        byte[] g711 = new byte[160];
        short[] tone = Goertzel.tone(toneHz, 1.0);
        int seq = 0;
        long ts = 0;
        int at = -1; // position in the request being said, −1 when not speaking
        int toneAt = 0;
        long next = System.nanoTime();
        while (!closed) {
            InetSocketAddress to = media;
            if (to == null) {
                LockSupport.parkNanos(20_000_000L);
                next = System.nanoTime();
                continue;
            }
            java.util.Arrays.fill(frame, (short) 0);
            if (operatorToneFrames.get() >= 10) {
                for (int i = 0; i < 160; i++) {
                    frame[i] = tone[toneAt];
                    toneAt = (toneAt + 1) % tone.length;
                }
                toneFramesSent.incrementAndGet();
            } else if (at >= 0) {
                System.arraycopy(request, at, frame, 0, Math.min(160, request.length - at));
                at += 160;
                if (at >= request.length) {
                    at = -1;
                    heardSomething = false; // wait for Yana's answer before asking again
                }
            } else if (requests.get() == 0 && firstLoudNanos != 0 && System.nanoTime() - firstLoudNanos > 1_500_000_000L
                    || heardSomething && requests.get() < 3 && System.nanoTime() - lastLoudNanos > 1_000_000_000L) {
                at = 0;
                requests.incrementAndGet();
            }
            packet[0] = (byte) 0x80;
            packet[1] = (byte) payloadType;
            packet[2] = (byte) (seq >> 8);
            packet[3] = (byte) seq;
            for (int i = 0; i < 4; i++) {
                packet[4 + i] = (byte) (ts >> (24 - 8 * i));
                packet[8 + i] = (byte) (0x5EED >> (24 - 8 * i));
            }
            G711.encode(payloadType, frame, 0, 160, g711);
            System.arraycopy(g711, 0, packet, 12, 160);
            try {
                rtp.send(new DatagramPacket(packet, packet.length, to));
            } catch (IOException e) {
                return;
            }
            seq = (seq + 1) & 0xFFFF;
            ts += 160;
            next += 20_000_000L;
            LockSupport.parkNanos(next - System.nanoTime());
        }
    }

    @Override
    public void close() {
        closed = true;
        sip.close();
        rtp.close();
    }
}
