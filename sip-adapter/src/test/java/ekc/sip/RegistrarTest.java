package ekc.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ekc.config.EkcConfig;
import ekc.config.SipConfig;
import ekc.config.SipLimits;
import ekc.engine.CallIds;
import ekc.engine.Input;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operators' phones register with digest auth (SHA-256 and MD5) against the demo accounts. */
class RegistrarTest {

    @TempDir
    Path dir;

    final List<Input> inputs = new CopyOnWriteArrayList<>();
    final UdpMediaPorts media = new UdpMediaPorts();
    SipAdapter sip;

    SipAdapter start(int minExpires, int authFailures) {
        return start(minExpires, authFailures, null);
    }

    /** {@code algorithms}: challenge order; SIPp only knows MD5 and answers the first challenge. */
    SipAdapter start(int minExpires, int authFailures, List<String> algorithms) {
        SipConfig config = new SipConfig("127.0.0.1", 0, null, null, null, minExpires, 3600,
                new SipLimits(null, null, authFailures, 60, null, null), null, null, null, null, null, algorithms);
        sip = new SipAdapter(new EkcConfig(null, config, null, null, null), inputs::add, media, new CallIds(1));
        sip.start();
        return sip;
    }

    @AfterEach
    void stop() {
        if (sip != null) {
            sip.close();
        }
        media.closeAll();
    }

    @Test
    void aPhoneRegistersWithMd5DigestAndTheAgentIsAnnounced() {
        start(60, 5, List.of("MD5", "SHA-256"));
        Sipp.Result r = Sipp.run(dir, "register_md5", sip.port(), "udp", "x", 1,
                "-key", "user", "25722", "-au", "25722", "-ap", "demo25722");
        assertThat(r.ok()).as(r.output()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !inputs.isEmpty());
        Input.AgentRegistered reg = (Input.AgentRegistered) inputs.get(0);
        assertThat(reg.agentId()).isEqualTo("25722");
        assertThat(reg.contact()).startsWith("sip:25722@127.0.0.1:");
        assertThat(reg.expiresAt()).isGreaterThan(System.currentTimeMillis() + 250_000);
    }

    @Test
    void aPhoneRegistersWithSha256DigestRefreshesAndUnregisters() {
        start(60, 5);
        try (RawSip phone = new RawSip(sip.port())) {
            String ok = registerSha256(phone, "31001", "demo31001", 1, 600);
            assertThat(RawSip.status(ok)).as(ok).isEqualTo(200);
            assertThat(ok).containsIgnoringCase("expires=600");
            await().atMost(Duration.ofSeconds(5)).until(() -> inputs.size() == 1);
            assertThat(inputs.get(0)).isInstanceOf(Input.AgentRegistered.class);

            // a refresh of the same binding announces nothing new
            assertThat(RawSip.status(registerSha256(phone, "31001", "demo31001", 3, 600))).isEqualTo(200);
            // un-REGISTER logs the agent out
            assertThat(RawSip.status(registerSha256(phone, "31001", "demo31001", 5, 0))).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> inputs.size() == 2);
            assertThat(inputs.get(1)).isEqualTo(new Input.AgentUnregistered("31001", "unregistered"));
        }
    }

    @Test
    void aRegistrationThatIsNotRefreshedExpiresAndLogsTheAgentOut() {
        start(1, 5);
        try (RawSip phone = new RawSip(sip.port())) {
            assertThat(RawSip.status(registerSha256(phone, "25722", "demo25722", 1, 1))).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(6)).until(() -> inputs.size() == 2);
        assertThat(inputs.get(1)).isEqualTo(new Input.AgentUnregistered("25722", "registration expired"));
    }

    @Test
    void tooShortARegistrationGets423() {
        start(60, 5);
        try (RawSip phone = new RawSip(sip.port())) {
            String r = registerSha256(phone, "25722", "demo25722", 1, 10);
            assertThat(RawSip.status(r)).isEqualTo(423);
            assertThat(r).contains("Min-Expires: 60");
        }
        assertThat(inputs).isEmpty();
    }

    @Test
    void wrongPasswordsGet403AndRepeatedFailuresBlockTheAddress() {
        start(60, 3, List.of("MD5", "SHA-256"));
        Sipp.Result wrong = Sipp.run(dir, "register_wrong", sip.port(), "udp", "x", 1,
                "-key", "user", "25722", "-au", "25722", "-ap", "guess");
        assertThat(wrong.ok()).as(wrong.output()).isTrue();
        try (RawSip phone = new RawSip(sip.port())) {
            assertThat(RawSip.status(registerSha256(phone, "25722", "guess2", 1, 600))).isEqualTo(403);
            assertThat(RawSip.status(registerSha256(phone, "25722", "guess3", 3, 600))).isEqualTo(403);
            // the third failure within a minute blocked 127.0.0.1: even the right password is ignored now
            phone.send(register(phone.port(), "25722", 5, 600, null));
            assertThat(phone.receive(1500)).isNull();
        }
        assertThat(inputs).isEmpty();
    }

    /** Registers by hand with SHA-256 digest computed here, independently of the adapter's code. */
    static String registerSha256(RawSip phone, String user, String password, int cseq, int expires) {
        return registerSha256(phone, user, password, cseq, expires, phone.port());
    }

    /** {@code contactPort}: where the phone takes calls (a SIPp playing the phone), if not this socket. */
    static String registerSha256(RawSip phone, String user, String password, int cseq, int expires, int contactPort) {
        phone.send(register(phone.port(), contactPort, user, cseq, expires, null));
        String challenge = phone.finalResponse(3000);
        assertThat(RawSip.status(challenge)).as(challenge).isEqualTo(401);
        Matcher m = Pattern.compile("WWW-Authenticate: Digest realm=\"ekc\", ?nonce=\"([^\"]+)\", ?algorithm=SHA-256")
                .matcher(challenge);
        assertThat(m.find()).as(challenge).isTrue();
        String nonce = m.group(1);
        String uri = "sip:127.0.0.1";
        String ha1 = sha256(user + ":ekc:" + password);
        String ha2 = sha256("REGISTER:" + uri);
        String response = sha256(ha1 + ":" + nonce + ":00000001:c0ffee:auth:" + ha2);
        String auth = "Authorization: Digest username=\"" + user + "\", realm=\"ekc\", nonce=\"" + nonce + "\", uri=\""
                + uri + "\", response=\"" + response + "\", algorithm=SHA-256, qop=auth, nc=00000001, cnonce=\"c0ffee\"\r\n";
        phone.send(register(phone.port(), contactPort, user, cseq + 1, expires, auth));
        return phone.finalResponse(3000);
    }

    static String register(int localPort, String user, int cseq, int expires, String auth) {
        return register(localPort, localPort, user, cseq, expires, auth);
    }

    static String register(int localPort, int contactPort, String user, int cseq, int expires, String auth) {
        return "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=z9hG4bK-reg-" + user + "-" + cseq + "\r\n"
                + "From: <sip:" + user + "@127.0.0.1>;tag=reg" + user + "\r\n"
                + "To: <sip:" + user + "@127.0.0.1>\r\n"
                + "Call-ID: reg-" + user + "-" + localPort + "@127.0.0.1\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:" + user + "@127.0.0.1:" + contactPort + ">\r\n"
                + "Expires: " + expires + "\r\n"
                + (auth != null ? auth : "")
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    static String sha256(String s) {
        return Digest.hash(Digest.SHA256, s);
    }
}
