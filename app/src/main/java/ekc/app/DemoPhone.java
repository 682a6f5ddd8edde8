package ekc.app;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An operator's softphone for the demo: registers with digest authentication (SHA-256 or MD5, as
 * the registrar challenges), answers each call after a ring, greets, talks a few seconds and hangs
 * up. Plain SIP over UDP on its own thread, like an auto-answer phone on the operator's desk.
 */
final class DemoPhone implements AutoCloseable {

    private final InetSocketAddress ekc;
    private final String user;
    private final String password;
    private final short[] greeting;
    private final long talkMillis;
    private final DatagramSocket sip;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger answered = new AtomicInteger();
    private final Thread thread;
    private volatile boolean registered;

    DemoPhone(InetSocketAddress ekc, String user, String password, short[] greeting, long talkMillis) throws IOException {
        this.ekc = ekc;
        this.user = user;
        this.password = password;
        this.greeting = greeting;
        this.talkMillis = talkMillis;
        this.sip = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::run, "demo-phone-" + user);
        thread.setDaemon(true);
    }

    /** Registers (waits up to 5 s for the 200) and starts answering. */
    boolean start() throws IOException {
        sip.setSoTimeout(250);
        String callId = "reg-" + user + "-" + System.nanoTime();
        String uri = "sip:" + ekc.getHostString() + ":" + ekc.getPort();
        String authorization = null;
        for (int cseq = 1; cseq <= 3 && !registered; cseq++) {
            DemoCaller.send(sip, register(uri, callId, cseq, authorization), ekc);
            long deadline = System.currentTimeMillis() + 2_000;
            while (System.currentTimeMillis() < deadline) {
                DemoCaller.Message m = DemoCaller.receive(sip);
                if (m == null || !m.isResponse() || !m.header("CSeq").equals(cseq + " REGISTER")) {
                    continue;
                }
                if (m.status == 200) {
                    registered = true;
                } else if (m.status == 401 || m.status == 407) {
                    authorization = authorize(m.header(m.status == 401 ? "WWW-Authenticate" : "Proxy-Authenticate"), uri);
                }
                break;
            }
        }
        if (registered) {
            thread.start();
        }
        return registered;
    }

    int answered() {
        return answered.get();
    }

    private String register(String uri, String callId, int cseq, String authorization) {
        String host = sip.getLocalAddress().getHostAddress();
        return "REGISTER " + uri + " SIP/2.0\r\n" + DemoCaller.via(sip) + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@" + ekc.getHostString() + ">;tag=" + user + "\r\n"
                + "To: <sip:" + user + "@" + ekc.getHostString() + ">\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:" + user + "@" + host + ":" + sip.getLocalPort() + ">\r\nExpires: 3600\r\n"
                + (authorization != null ? authorization + "\r\n" : "") + "Content-Length: 0\r\n\r\n";
    }

    /** RFC 2617 / RFC 8760 digest response to a challenge. */
    private String authorize(String challenge, String uri) {
        String realm = param(challenge, "realm");
        String nonce = param(challenge, "nonce");
        String opaque = param(challenge, "opaque");
        String qop = param(challenge, "qop");
        String algorithm = param(challenge, "algorithm");
        algorithm = algorithm == null ? "MD5" : algorithm;
        String h = algorithm.toUpperCase().startsWith("SHA-256") ? "SHA-256" : "MD5";
        String ha1 = hash(h, user + ":" + realm + ":" + password);
        String ha2 = hash(h, "REGISTER:" + uri);
        String cnonce = Long.toHexString(System.nanoTime());
        String response = qop != null
                ? hash(h, ha1 + ":" + nonce + ":00000001:" + cnonce + ":auth:" + ha2)
                : hash(h, ha1 + ":" + nonce + ":" + ha2);
        return "Authorization: Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce
                + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=" + algorithm
                + (qop != null ? ", qop=auth, nc=00000001, cnonce=\"" + cnonce + "\"" : "")
                + (opaque != null ? ", opaque=\"" + opaque + "\"" : "");
    }

    private static String param(String header, String name) {
        Matcher m = Pattern.compile(name + "=(\"([^\"]*)\"|([^,\\s]+))", Pattern.CASE_INSENSITIVE).matcher(header);
        return m.find() ? (m.group(2) != null ? m.group(2) : m.group(3)) : null;
    }

    private static String hash(String algorithm, String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers calls one at a time until closed. */
    private void run() {
        while (!closed.get()) {
            try {
                DemoCaller.Message m = DemoCaller.receive(sip);
                if (m != null && !m.isResponse() && m.method.equals("INVITE")) {
                    answer(m);
                } else if (m != null && !m.isResponse() && !m.method.equals("ACK")) {
                    DemoCaller.send(sip, m.response(200, "OK"), m.source); // OPTIONS, a stray BYE …
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(DemoCaller.Message invite) throws IOException {
        String host = sip.getLocalAddress().getHostAddress();
        String tag = "op" + Long.toHexString(System.nanoTime());
        DemoCaller.send(sip, reply(invite, "180 Ringing", tag, null), invite.source);
        try (DatagramSocket rtp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            String sdp = "v=0\r\no=op 1 1 IN IP4 " + host + "\r\ns=op\r\nc=IN IP4 " + host + "\r\nt=0 0\r\n"
                    + "m=audio " + rtp.getLocalPort() + " RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
                    + "a=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";
            // a ring of a second, as a person reaches for the phone
            long answerAt = System.currentTimeMillis() + 1_000;
            while (System.currentTimeMillis() < answerAt) {
                DemoCaller.Message m = DemoCaller.receive(sip);
                if (m != null && m.method.equals("CANCEL")) {
                    DemoCaller.send(sip, m.response(200, "OK"), m.source);
                    DemoCaller.send(sip, reply(invite, "487 Request Terminated", tag, null), invite.source);
                    return;
                }
            }
            DemoCaller.send(sip, reply(invite, "200 OK", tag, sdp), invite.source);
            answered.incrementAndGet();
            DemoCaller.Voice voice = new DemoCaller.Voice(rtp, List.of(greeting)).speakFirst();
            voice.start(invite.body);
            Thread listener = new Thread(voice::listen, "demo-phone-rtp");
            listener.setDaemon(true);
            listener.start();
            long hangUpAt = System.currentTimeMillis() + talkMillis;
            try {
                while (System.currentTimeMillis() < hangUpAt) {
                    DemoCaller.Message m = DemoCaller.receive(sip);
                    if (m != null && m.method.equals("BYE")) {
                        DemoCaller.send(sip, m.response(200, "OK"), m.source);
                        return; // the caller hung up first
                    }
                }
                String contact = invite.header("Contact").replaceAll(".*<([^>]+)>.*", "$1");
                String bye = "BYE " + contact + " SIP/2.0\r\n" + DemoCaller.via(sip) + "Max-Forwards: 70\r\n"
                        + "From: " + invite.header("To") + ";tag=" + tag + "\r\nTo: " + invite.header("From") + "\r\n"
                        + "Call-ID: " + invite.header("Call-ID") + "\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n";
                DemoCaller.send(sip, bye, invite.source);
            } finally {
                voice.done.set(true);
            }
        }
    }

    private String reply(DemoCaller.Message invite, String status, String tag, String sdp) {
        String host = sip.getLocalAddress().getHostAddress();
        String body = sdp == null ? "" : sdp;
        return "SIP/2.0 " + status + "\r\n" + invite.viaLines + "From: " + invite.header("From") + "\r\n"
                + "To: " + invite.header("To") + ";tag=" + tag + "\r\nCall-ID: " + invite.header("Call-ID") + "\r\n"
                + "CSeq: " + invite.header("CSeq") + "\r\nContact: <sip:" + user + "@" + host + ":" + sip.getLocalPort() + ">\r\n"
                + (sdp != null ? "Content-Type: application/sdp\r\n" : "")
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    @Override
    public void close() {
        closed.set(true);
        sip.close();
    }
}
