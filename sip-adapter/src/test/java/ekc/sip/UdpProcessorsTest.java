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

    @Test
    void theCallIdIsFoundWithoutParsingInAnySpelling() {
        assertThat(scan("INVITE sip:a@b SIP/2.0\r\nVia: x\r\nCall-ID:  abc@host \r\n\r\n"))
                .isEqualTo("abc@host");
        assertThat(scan("BYE sip:a@b SIP/2.0\r\ncall-id:x1\r\nCSeq: 2 BYE\r\n\r\n")).isEqualTo("x1");
        assertThat(scan("ACK sip:a@b SIP/2.0\r\ni : short\r\n\r\n")).isEqualTo("short");
        assertThat(scan("SIP/2.0 200 OK\nCALL-ID: lf-only\n\n")).isEqualTo("lf-only");
        // not a Call-ID: a longer name that starts the same, a header after the blank line (the body), no header at all
        assertThat(scan("OPTIONS sip:a@b SIP/2.0\r\nCall-IDs: no\r\nIn-Reply-To: no\r\n\r\ni: body\r\n"))
                .isNull();
        assertThat(scan("")).isNull();
        assertThat(scan("Call-ID:\r\n\r\n")).isNull();
    }

    /** The scan over the text in a longer buffer with junk after it, as the reused receive buffer has. */
    private static String scan(String text) {
        byte[] b = java.util.Arrays.copyOf(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), text.length() + 64);
        java.util.Arrays.fill(b, text.length(), b.length, (byte) 'i');
        return UdpProcessors.callId(b, text.length());
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
