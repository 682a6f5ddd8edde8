package ekc.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ekc.engine.CardEvent;
import ekc.engine.Channel;
import ekc.engine.Direction;
import ekc.engine.Input;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The skeleton's call over real SIP: SIPp as the citizen, the real engine behind the adapter. */
class SipCallTest {

    @TempDir
    Path dir;

    SipRig ekc;

    @AfterEach
    void stop() {
        if (ekc != null) {
            ekc.close();
        }
    }

    @Test
    void aCallInAnyUsualFormIsTriedRungAnsweredAndTheCallersByeEndsIt() {
        ekc = new SipRig(false);
        for (String dialled : new String[] {"88001000001", "+78001000001", "8-800-100-0-001"}) {
            Sipp.Result r = Sipp.run(dir, "uac_bye", ekc.port(), "udp", dialled, 1);
            assertThat(r.ok()).as(r.output()).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> ekc.inputs.stream().filter(Input.CallerHungUp.class::isInstance).count() == 3);
        Input.CallOffered offered = (Input.CallOffered) ekc.inputs.get(0);
        assertThat(offered.called()).isEqualTo("+78001000001");
        assertThat(offered.caller()).isEqualTo("+78612000000");
        assertThat(offered.region()).isEqualTo("Краснодарский край");
        assertThat(offered.channel()).isEqualTo(Channel.VOICE);
        assertThat(offered.direction()).isEqualTo(Direction.INBOUND);
        assertThat(ekc.facts).filteredOn(CardEvent.CardClosed.class::isInstance).hasSize(3);
        // SIPp offered PCMA first: media was connected to SIPp's RTP port with PCMA and telephone-event
        assertThat(ekc.media.connected).hasSize(3).allSatisfy(c -> {
            assertThat(c.payloadType()).isEqualTo(8);
            assertThat(c.telephoneEventPt()).isEqualTo(101);
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> ekc.media.released.size() == 3);
        assertThat(ekc.media.open).isEmpty();
    }

    @Test
    void ekcHangsUpWithByeWhenTheEngineIsDone() {
        ekc = new SipRig(true);
        Sipp.Result r = Sipp.run(dir, "uac_gets_bye", ekc.port(), "udp", "88001000001", 2);
        assertThat(r.ok()).as(r.output()).isTrue();
        assertThat(ekc.facts).filteredOn(CardEvent.CardClosed.class::isInstance)
                .extracting(e -> ((CardEvent.CardClosed) e).status()).containsOnly("answered-by-robot").hasSize(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> ekc.media.released.size() == 2);
    }

    @Test
    void theSameCallWorksOverTcp() {
        ekc = new SipRig(true);
        Sipp.Result r = Sipp.run(dir, "uac_gets_bye", ekc.port(), "tcp", "+78001000001", 1);
        assertThat(r.ok()).as(r.output()).isTrue();
    }

    @Test
    void aNumberEkcDoesNotServeGets404AndOptionsGets200() {
        ekc = new SipRig(false);
        Sipp.Result notFound = Sipp.run(dir, "uac_404", ekc.port(), "udp", "84951234567", 1);
        assertThat(notFound.ok()).as(notFound.output()).isTrue();
        Sipp.Result options = Sipp.run(dir, "options", ekc.port(), "udp", "88001000001", 1);
        assertThat(options.ok()).as(options.output()).isTrue();
        assertThat(ekc.inputs).isEmpty();
    }

    @Test
    void aMalformedInviteGets400AndTheNextCallSucceeds() throws Exception {
        ekc = new SipRig(false);
        String malformed = "INVITE sip:88001000001@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-bad-1\r\n"
                + "From: <sip:88612000000@127.0.0.1>;tag=1\r\n"
                + "To: <sip:88001000001@127.0.0.1>\r\n"
                + "Call-ID: malformed-1@127.0.0.1\r\n"
                + "CSeq: not-a-number INVITE\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(5000);
            byte[] bytes = malformed.replace("5999", Integer.toString(s.getLocalPort())).getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), ekc.port()));
            byte[] buf = new byte[4096];
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            s.receive(in);
            String reply = new String(buf, 0, in.getLength(), StandardCharsets.US_ASCII);
            assertThat(reply).startsWith("SIP/2.0 400");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no 400 for a malformed INVITE", e);
        }
        Sipp.Result r = Sipp.run(dir, "uac_bye", ekc.port(), "udp", "88001000001", 1);
        assertThat(r.ok()).as(r.output()).isTrue();
        assertThat(ekc.inputs).filteredOn(Input.CallOffered.class::isInstance).hasSize(1);
    }

    @Test
    void mediaIsConnectedOnTheAckNotOnOur200Ok() {
        ekc = new SipRig(false);
        try (RawSip caller = new RawSip(ekc.port())) {
            String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio 40000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n";
            String head = " sip:88001000001@127.0.0.1 SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + caller.port() + ";branch=z9hG4bK-ack-%s\r\n"
                    + "From: <sip:88612000000@127.0.0.1>;tag=c1\r\n"
                    + "To: <sip:88001000001@127.0.0.1>%s\r\n"
                    + "Call-ID: ack-start-1@127.0.0.1\r\n"
                    + "CSeq: %s\r\n"
                    + "Contact: <sip:88612000000@127.0.0.1:" + caller.port() + ">\r\n"
                    + "Max-Forwards: 70\r\n";
            caller.send("INVITE" + head.formatted("1", "", "1 INVITE") + "Content-Type: application/sdp\r\n"
                    + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp);
            String ok = caller.finalResponse(5000);
            assertThat(RawSip.status(ok)).as(ok).isEqualTo(200);
            // answered, but no ACK yet: nothing may stream to the caller
            assertThat(ekc.media.allocatedCallerLegs).hasSize(1);
            assertThat(ekc.media.connected).isEmpty();
            String toTag = ok.lines().filter(l -> l.startsWith("To:")).findFirst().orElseThrow();
            toTag = toTag.substring(toTag.indexOf(";tag="));
            caller.send("ACK" + head.formatted("2", toTag, "1 ACK") + "Content-Length: 0\r\n\r\n");
            await().atMost(Duration.ofSeconds(5)).until(() -> ekc.media.connected.size() == 1);
            assertThat(ekc.media.connected.get(0).port()).isEqualTo(40000);
            assertThat(ekc.media.connected.get(0).payloadType()).isEqualTo(0);
            caller.send("BYE" + head.formatted("3", toTag, "2 BYE") + "Content-Length: 0\r\n\r\n");
            assertThat(RawSip.status(caller.finalResponse(5000))).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> ekc.media.released.size() == 1);
        }
    }
}
