package ekc.app;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import ekc.media.G711;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny SIP caller for the demo: one INVITE over UDP with a PCMU/PCMA SDP offer, ACK, counts the
 * RTP it hears, answers the BYE (or sends one when the time is up). Runs on the calling thread;
 * a helper thread counts RTP. Plain text SIP, so the demo needs nothing installed.
 */
final class DemoCaller {

    /** What one call did. */
    record Result(String caller, int finalStatus, int rtpPackets, boolean hungUpByEkc, long millis, String error) {
        boolean ok() {
            return finalStatus == 200 && error == null;
        }
    }

    private final InetSocketAddress ekc;
    private final String calledNumber;

    DemoCaller(InetSocketAddress ekc, String calledNumber) {
        this.ekc = ekc;
        this.calledNumber = calledNumber;
    }

    Result call(String caller, long maxMillis) {
        return call(caller, List.of(), maxMillis);
    }

    /**
     * A call in which the caller, once answered, says each utterance (8 kHz PCM) in turn, each time
     * after EKC has stopped talking for a second, as a polite caller would.
     */
    Result call(String caller, List<short[]> utterances, long maxMillis) {
        long start = System.nanoTime();
        try (DatagramSocket sip = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket rtp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Voice voice = new Voice(rtp, utterances);
            Thread listener = new Thread(voice::listen, "demo-rtp-" + caller);
            listener.setDaemon(true);
            listener.start();
            try {
                return dialog(sip, rtp.getLocalPort(), caller, maxMillis, voice, start);
            } finally {
                voice.done.set(true);
            }
        } catch (IOException e) {
            return new Result(caller, 0, 0, false, elapsed(start), e.toString());
        }
    }

    private Result dialog(DatagramSocket sip, int rtpPort, String caller, long maxMillis, Voice voice, long start)
            throws IOException {
        String host = sip.getLocalAddress().getHostAddress();
        String callId = UUID.randomUUID() + "@" + host;
        String fromTag = Long.toHexString(System.nanoTime());
        String target = "sip:" + calledNumber + "@" + ekc.getHostString() + ":" + ekc.getPort();
        String sdp = "v=0\r\no=demo 1 1 IN IP4 " + host + "\r\ns=demo\r\nc=IN IP4 " + host + "\r\nt=0 0\r\n"
                + "m=audio " + rtpPort + " RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\n";
        String from = "<sip:" + caller + "@" + host + ">;tag=" + fromTag;
        String invite = "INVITE " + target + " SIP/2.0\r\n"
                + via(sip) + "Max-Forwards: 70\r\nFrom: " + from + "\r\nTo: <" + target + ">\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nContact: <sip:" + caller + "@" + host + ":" + sip.getLocalPort() + ">\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: " + sdp.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + sdp;
        send(sip, invite, ekc);
        sip.setSoTimeout(500);
        long deadline = System.currentTimeMillis() + maxMillis;
        int status = 0;
        String to = null;
        String contact = target;
        long lastInvite = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            Message m = receive(sip);
            if (m == null) {
                if (status == 0 && System.currentTimeMillis() - lastInvite > 500) {
                    send(sip, invite, ekc); // UDP: retransmit until a provisional response
                    lastInvite = System.currentTimeMillis();
                }
                continue;
            }
            if (m.isResponse() && m.header("CSeq").endsWith("INVITE")) {
                status = Math.max(status, m.status);
                if (m.status >= 200) {
                    to = m.header("To");
                    if (m.status >= 300) {
                        sendAck(sip, target, callId, from, to, m);
                        return new Result(caller, m.status, voice.packets.get(), false, elapsed(start), null);
                    }
                    String c = m.header("Contact");
                    if (!c.isEmpty()) {
                        contact = c.replaceAll(".*<([^>]+)>.*", "$1");
                    }
                    sendAck(sip, contact, callId, from, to, m);
                    voice.start(m.body);
                }
            } else if (!m.isResponse() && m.method.equals("BYE")) {
                send(sip, m.response(200, "OK"), m.source);
                return new Result(caller, status, voice.packets.get(), true, elapsed(start), null);
            }
        }
        if (status == 200) {
            String bye = "BYE " + contact + " SIP/2.0\r\n" + via(sip) + "Max-Forwards: 70\r\nFrom: " + from + "\r\nTo: " + to
                    + "\r\nCall-ID: " + callId + "\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n";
            send(sip, bye, ekc);
            return new Result(caller, status, voice.packets.get(), false, elapsed(start), null);
        }
        return new Result(caller, status, voice.packets.get(), false, elapsed(start), "no final response in " + maxMillis + " ms");
    }

    private void sendAck(DatagramSocket sip, String uri, String callId, String from, String to, Message response) throws IOException {
        String ack = "ACK " + uri + " SIP/2.0\r\n" + via(sip) + "Max-Forwards: 70\r\nFrom: " + from + "\r\nTo: " + to
                + "\r\nCall-ID: " + callId + "\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n";
        send(sip, ack, ekc);
    }

    static String via(DatagramSocket sip) {
        return "Via: SIP/2.0/UDP " + sip.getLocalAddress().getHostAddress() + ":" + sip.getLocalPort()
                + ";rport;branch=z9hG4bK" + Long.toHexString(System.nanoTime()) + "\r\n";
    }

    static void send(DatagramSocket s, String text, InetSocketAddress to) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        s.send(new DatagramPacket(b, b.length, to));
    }

    static Message receive(DatagramSocket s) throws IOException {
        byte[] buf = new byte[8192];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            s.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return Message.parse(new String(buf, 0, p.getLength(), StandardCharsets.UTF_8), (InetSocketAddress) p.getSocketAddress());
    }

    /**
     * The caller's side of the media: sends a 20 ms G.711 frame every 20 ms (silence, or the
     * utterance being said) to where EKC's SDP points, and listens to EKC to know when it is quiet.
     */
    static final class Voice {
        final AtomicInteger packets = new AtomicInteger();
        final AtomicBoolean done = new AtomicBoolean();
        private final DatagramSocket rtp;
        private final List<short[]> script;
        private volatile long lastLoudNanos;
        private volatile boolean heard;
        private final AtomicBoolean speaking = new AtomicBoolean();

        Voice(DatagramSocket rtp, List<short[]> script) {
            this.rtp = rtp;
            this.script = script;
        }

        /** Speak the first line at once, without waiting to hear the other side (an operator greets). */
        Voice speakFirst() {
            heard = true;
            return this;
        }

        /** After the 200 OK: speak the script to EKC's RTP address on a thread of its own. */
        void start(String sdp) {
            String host = sdp.replaceAll("(?s).*c=IN IP4 ([^\\s]+).*", "$1");
            String port = sdp.replaceAll("(?s).*m=audio (\\d+) .*", "$1");
            String pt = sdp.replaceAll("(?s).*m=audio \\d+ RTP/AVP (\\d+).*", "$1");
            if (host.equals(sdp) || port.equals(sdp)) {
                return; // no SDP answer: nothing to send to
            }
            // Once per call: a retransmitted 200 OK (EKC had not seen our ACK yet) is ACKed again but must not start a
            // second voice. Two streams with two SSRCs from one port made EKC start a new source at every packet, so
            // the caller was heard as silence for the whole call (seen in a demo run on a cold start, 2026-12-02).
            if (!speaking.compareAndSet(false, true)) {
                return;
            }
            InetSocketAddress to = new InetSocketAddress(host, Integer.parseInt(port));
            int payloadType = pt.equals(sdp) ? 0 : Integer.parseInt(pt);
            Thread t = new Thread(() -> speak(to, payloadType), "demo-voice");
            t.setDaemon(true);
            t.start();
        }

        private void speak(InetSocketAddress to, int payloadType) {
            byte[] packet = new byte[12 + 160];
            short[] frame = new short[160];
            int ssrc = (int) System.nanoTime();
            int seq = 0;
            long ts = 0;
            int line = 0;
            int at = -1; // sample position in the current utterance; -1 while waiting for EKC to finish
            long next = System.nanoTime();
            while (!done.get()) {
                if (at < 0 && line < script.size() && heard && System.nanoTime() - lastLoudNanos > 1_000_000_000L) {
                    at = 0;
                }
                java.util.Arrays.fill(frame, (short) 0);
                if (at >= 0) {
                    short[] u = script.get(line);
                    int n = Math.min(160, u.length - at);
                    System.arraycopy(u, at, frame, 0, n);
                    at += 160;
                    if (at >= u.length) {
                        at = -1;
                        line++;
                        heard = false; // wait for EKC's answer before the next line
                    }
                }
                packet[0] = (byte) 0x80;
                packet[1] = (byte) payloadType;
                packet[2] = (byte) (seq >> 8);
                packet[3] = (byte) seq;
                packet[4] = (byte) (ts >> 24);
                packet[5] = (byte) (ts >> 16);
                packet[6] = (byte) (ts >> 8);
                packet[7] = (byte) ts;
                packet[8] = (byte) (ssrc >> 24);
                packet[9] = (byte) (ssrc >> 16);
                packet[10] = (byte) (ssrc >> 8);
                packet[11] = (byte) ssrc;
                byte[] g711 = new byte[160];
                G711.encode(payloadType, frame, 0, 160, g711);
                System.arraycopy(g711, 0, packet, 12, 160);
                try {
                    rtp.send(new DatagramPacket(packet, packet.length, to));
                } catch (IOException e) {
                    return; // the call is over
                }
                seq = (seq + 1) & 0xFFFF;
                ts += 160;
                next += 20_000_000L;
                java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime()); // RTP pacing
            }
        }

        /** Counts EKC's packets and notes when EKC last said something (not silence). */
        void listen() {
            byte[] buf = new byte[2048];
            short[] pcm = new short[1024];
            try {
                rtp.setSoTimeout(200);
                while (!done.get()) {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    try {
                        rtp.receive(p);
                    } catch (SocketTimeoutException e) {
                        continue;
                    }
                    packets.incrementAndGet();
                    int pt = buf[1] & 0x7F;
                    int n = Math.min(pcm.length, p.getLength() - 12);
                    if ((pt != 0 && pt != 8) || n <= 0) {
                        continue;
                    }
                    G711.decode(pt, buf, 12, n, pcm);
                    long energy = 0;
                    for (int i = 0; i < n; i++) {
                        energy += Math.abs(pcm[i]);
                    }
                    if (energy / n > 300) {
                        lastLoudNanos = System.nanoTime();
                        heard = true;
                    }
                }
            } catch (IOException e) {
                // socket closed with the call
            }
        }
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Just enough of a SIP message for the demo. */
    static final class Message {
        int status;
        String method = "";
        String body = "";
        final Map<String, String> headers = new LinkedHashMap<>();
        final StringBuilder viaLines = new StringBuilder();
        InetSocketAddress source;

        static Message parse(String text, InetSocketAddress source) {
            Message m = new Message();
            m.source = source;
            String[] lines = text.split("\r\n");
            String first = lines[0];
            if (first.startsWith("SIP/2.0 ")) {
                m.status = Integer.parseInt(first.substring(8, 11));
            } else {
                m.method = first.substring(0, first.indexOf(' '));
            }
            int blank = text.indexOf("\r\n\r\n");
            m.body = blank >= 0 ? text.substring(blank + 4) : "";
            for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = canonical(lines[i].substring(0, colon).strip());
                String value = lines[i].substring(colon + 1).strip();
                if (name.equals("Via")) {
                    m.viaLines.append("Via: ").append(value).append("\r\n");
                }
                m.headers.putIfAbsent(name, value);
            }
            return m;
        }

        private static String canonical(String name) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "v": case "via": return "Via";
                case "f": case "from": return "From";
                case "t": case "to": return "To";
                case "i": case "call-id": return "Call-ID";
                case "m": case "contact": return "Contact";
                case "cseq": return "CSeq";
                default: return name;
            }
        }

        boolean isResponse() {
            return status > 0;
        }

        String header(String name) {
            return headers.getOrDefault(name, "");
        }

        String response(int code, String reason) {
            return "SIP/2.0 " + code + " " + reason + "\r\n" + viaLines + "From: " + header("From") + "\r\nTo: " + header("To")
                    + "\r\nCall-ID: " + header("Call-ID") + "\r\nCSeq: " + header("CSeq") + "\r\nContent-Length: 0\r\n\r\n";
        }
    }
}
