package ekc.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The demo's caller against a scripted answering side on real UDP sockets (the test plays EKC's part in plain SIP
 * text, so that it can retransmit its 200 OK as EKC's stack does when an ACK is late).
 */
class DemoCallerTest {

    @Test
    void aRetransmitted200OkIsAckedAgainButStartsNoSecondVoice() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (DatagramSocket ekcSip = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket ekcRtp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            ekcSip.setSoTimeout(5_000);
            ekcRtp.setSoTimeout(5_000);
            InetSocketAddress ekc = new InetSocketAddress(InetAddress.getLoopbackAddress(), ekcSip.getLocalPort());
            Future<DemoCaller.Result> call = pool.submit(
                    () -> new DemoCaller(ekc, "88001000001").call("+73832000003", List.of(), 20_000));

            DemoCaller.Message invite = receive(ekcSip);
            assertThat(invite.method).isEqualTo("INVITE");
            String sdp = "v=0\r\no=ekc 1 1 IN IP4 127.0.0.1\r\ns=ekc\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio " + ekcRtp.getLocalPort() + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
            String ok = invite.response(200, "OK")
                    .replace("To: " + invite.header("To"), "To: " + invite.header("To") + ";tag=ekc1")
                    .replace("Content-Length: 0\r\n\r\n", "Contact: <sip:88001000001@127.0.0.1:" + ekcSip.getLocalPort()
                            + ">\r\nContent-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp);
            send(ekcSip, ok, invite.source);
            assertThat(receive(ekcSip).method).isEqualTo("ACK");
            send(ekcSip, ok, invite.source); // the retransmission
            assertThat(receive(ekcSip).method).as("every 200 OK is ACKed").isEqualTo("ACK");

            // 100 frames (2 s) of the caller's media: one stream, whatever the number of 200 OKs
            Set<Integer> ssrcs = new HashSet<>();
            byte[] buf = new byte[2048];
            for (int i = 0; i < 100; i++) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                ekcRtp.receive(p);
                ssrcs.add(((buf[8] & 0xFF) << 24) | ((buf[9] & 0xFF) << 16) | ((buf[10] & 0xFF) << 8) | (buf[11] & 0xFF));
            }
            assertThat(ssrcs).as("SSRCs of the caller's RTP").hasSize(1);

            String bye = "BYE sip:" + invite.source.getPort() + "@127.0.0.1 SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + ekcSip.getLocalPort() + ";branch=z9hG4bK-bye1\r\n"
                    + "From: " + invite.header("To") + ";tag=ekc1\r\nTo: " + invite.header("From") + "\r\n"
                    + "Call-ID: " + invite.header("Call-ID") + "\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n";
            send(ekcSip, bye, invite.source);
            DemoCaller.Result result = call.get(10, TimeUnit.SECONDS);
            assertThat(result.ok()).isTrue();
            assertThat(result.hungUpByEkc()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    private static DemoCaller.Message receive(DatagramSocket s) throws IOException {
        byte[] buf = new byte[8192];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        s.receive(p);
        return DemoCaller.Message.parse(new String(buf, 0, p.getLength(), StandardCharsets.UTF_8),
                (InetSocketAddress) p.getSocketAddress());
    }

    private static void send(DatagramSocket s, String text, InetSocketAddress to) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        s.send(new DatagramPacket(b, b.length, to));
    }
}
