package ekc.sip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Datagrams of every size through the one reused receive buffer (see {@link UdpProcessors}). */
class UdpProcessorsTest {

    @Test
    void eachDatagramIsReadWholeAndAloneAfterALongerOne() {
        try (SipRig rig = new SipRig(false); RawSip phone = new RawSip(rig.port())) {
            // long, short, long again: a copy that kept bytes of the previous datagram would not parse
            for (int size : new int[] {7_000, 0, 4_000, 0, StackProperties.MAX_MESSAGE_BYTES - 600}) {
                String callId = "udp-" + size + "@test";
                phone.send(options(phone.port(), callId, size));
                String reply = phone.finalResponse(5_000);
                assertThat(RawSip.status(reply)).as("OPTIONS with %d bytes of padding", size).isEqualTo(200);
                assertThat(reply).contains("Call-ID: " + callId);
            }
        }
    }

    @Test
    void aDatagramOverTheLimitIsCutAndRefusedAndTheNextIsAnswered() {
        try (SipRig rig = new SipRig(false); RawSip phone = new RawSip(rig.port())) {
            phone.send(options(phone.port(), "too-long@test", StackProperties.MAX_MESSAGE_BYTES + 1_000));
            String reply = phone.finalResponse(2_000);
            assertThat(reply == null || RawSip.status(reply) == 400).as("reply %s", reply).isTrue();
            phone.send(options(phone.port(), "after@test", 0));
            assertThat(phone.finalResponse(5_000)).startsWith("SIP/2.0 200").contains("Call-ID: after@test");
        }
    }

    private static String options(int port, String callId, int padding) {
        return "OPTIONS sip:88001000001@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK-" + callId.hashCode() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:tester@127.0.0.1>;tag=t1\r\n"
                + "To: <sip:88001000001@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + (padding > 0 ? "X-Padding: " + "a".repeat(padding) + "\r\n" : "")
                + "Content-Length: 0\r\n\r\n";
    }
}
