package ekc.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The audio part of an SDP body: where the far end listens and which payload types it offers.
 * Immutable; parsed on a lane thread. We read only what G.711 plus RFC 4733 needs.
 */
record Sdp(String host, int port, List<Integer> payloadTypes, int telephoneEventPt, String direction) {

    static final int PCMU = 0;
    static final int PCMA = 8;
    /** Our telephone-event payload type when we make the offer. */
    static final int DEFAULT_TE = 101;

    /** Parses an offer or answer; throws {@link IllegalArgumentException} when it has no usable audio line. */
    static Sdp parse(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        String sessionHost = null;
        String mediaHost = null;
        int port = -1;
        List<Integer> pts = new ArrayList<>();
        int te = -1;
        boolean inAudio = false;
        boolean seenAudio = false;
        String direction = "sendrecv";
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.startsWith("m=")) {
                inAudio = line.startsWith("m=audio ") && !seenAudio;
                if (inAudio) {
                    seenAudio = true;
                    String[] f = line.substring(2).split(" +");
                    if (f.length < 4) {
                        throw new IllegalArgumentException("bad m= line: " + line);
                    }
                    port = Integer.parseInt(f[1].contains("/") ? f[1].substring(0, f[1].indexOf('/')) : f[1]);
                    for (int i = 3; i < f.length; i++) {
                        pts.add(Integer.parseInt(f[i]));
                    }
                }
            } else if (line.startsWith("c=")) {
                String[] f = line.substring(2).split(" +");
                if (f.length < 3) {
                    throw new IllegalArgumentException("bad c= line: " + line);
                }
                String host = f[2].contains("/") ? f[2].substring(0, f[2].indexOf('/')) : f[2];
                if (inAudio) {
                    mediaHost = host;
                } else if (!seenAudio) {
                    sessionHost = host;
                }
            } else if (line.startsWith("a=") && (inAudio || !seenAudio)) {
                String a = line.substring(2);
                if (a.startsWith("rtpmap:") && inAudio) {
                    int sp = a.indexOf(' ');
                    if (sp > 7 && a.substring(sp + 1).toLowerCase().startsWith("telephone-event/8000")) {
                        te = Integer.parseInt(a.substring(7, sp));
                    }
                } else if (a.equals("sendonly") || a.equals("inactive") || a.equals("recvonly") || a.equals("sendrecv")) {
                    direction = a;
                }
            }
        }
        String host = mediaHost != null ? mediaHost : sessionHost;
        if (port < 0 || host == null) {
            throw new IllegalArgumentException("no audio stream in SDP");
        }
        if (host.equals("0.0.0.0")) {
            direction = "inactive"; // RFC 2543 hold
        }
        return new Sdp(host, port, List.copyOf(pts), te, direction);
    }

    boolean onHold() {
        return direction.equals("sendonly") || direction.equals("inactive");
    }

    /** The direction that answers an offered one (RFC 3264 §6.1). */
    static String mirror(String offered) {
        switch (offered) {
            case "sendonly":
                return "recvonly";
            case "recvonly":
                return "sendonly";
            case "inactive":
                return "inactive";
            default:
                return "sendrecv";
        }
    }

    /** The first G.711 payload type the far end offers, or −1 when it offers neither. */
    int g711() {
        for (int pt : payloadTypes) {
            if (pt == PCMU || pt == PCMA) {
                return pt;
            }
        }
        return -1;
    }

    /** Our answer: the chosen codec, and telephone-event when offered. */
    static String answer(String host, int port, long session, int pt, int te, String direction) {
        StringBuilder s = head(host, session);
        s.append("m=audio ").append(port).append(" RTP/AVP ").append(pt);
        if (te >= 0) {
            s.append(' ').append(te);
        }
        s.append("\r\n");
        rtpmap(s, pt);
        if (te >= 0) {
            s.append("a=rtpmap:").append(te).append(" telephone-event/8000\r\na=fmtp:").append(te).append(" 0-16\r\n");
        }
        return s.append("a=ptime:20\r\na=").append(direction).append("\r\n").toString();
    }

    /** Our offer (a leg to an operator, or an INVITE that came without SDP): PCMU, PCMA, telephone-event. */
    static String offer(String host, int port, long session, String direction) {
        StringBuilder s = head(host, session);
        s.append("m=audio ").append(port).append(" RTP/AVP 0 8 ").append(DEFAULT_TE).append("\r\n");
        rtpmap(s, PCMU);
        rtpmap(s, PCMA);
        s.append("a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n");
        return s.append("a=ptime:20\r\na=").append(direction).append("\r\n").toString();
    }

    private static StringBuilder head(String host, long session) {
        return new StringBuilder(256).append("v=0\r\no=EKC ").append(session).append(' ').append(session)
                .append(" IN IP4 ").append(host).append("\r\ns=EKC\r\nc=IN IP4 ").append(host).append("\r\nt=0 0\r\n");
    }

    private static void rtpmap(StringBuilder s, int pt) {
        s.append("a=rtpmap:").append(pt).append(pt == PCMU ? " PCMU/8000\r\n" : " PCMA/8000\r\n");
    }
}
