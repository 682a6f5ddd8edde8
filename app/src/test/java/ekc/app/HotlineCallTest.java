package ekc.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ekc.config.ConfigLoader;
import ekc.config.EkcConfig;
import ekc.recordings.Card;
import ekc.recordings.CardFilter;
import ekc.recordings.Cards;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton end to end: SIPp (a real SIP peer) calls a real EKC over UDP; EKC answers,
 * plays Yana's greeting over RTP, hangs up; the Chronicle Queue journal then holds the card.
 */
class HotlineCallTest {

    @TempDir
    Path data;

    Ekc ekc;

    @BeforeEach
    void start() {
        EkcConfig config = ConfigLoader.withOverrides(ConfigLoader.embedded(), Map.of("sip.port", 0, "robot.enabled", false)); // the skeleton: greeting, goodbye, BYE
        ekc = Ekc.start(config, data.resolve("journal"));
    }

    @AfterEach
    void stop() {
        ekc.close();
    }

    @Test
    void sippCallIsAnsweredGreetedHungUpAndJournaled_R1_R30() throws Exception {
        try (DatagramSocket rtp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            AtomicInteger packets = countRtp(rtp);
            Sipp sipp = sipp("hotline-call.xml", "+78612000000", rtp.getLocalPort(), "8-800-100-0-001");

            assertThat(sipp.process.waitFor(90, TimeUnit.SECONDS)).as("sipp finished").isTrue();
            assertThat(sipp.process.exitValue()).as("sipp: every call succeeded (100/180/200, BYE from EKC)\n" + sipp.output()).isZero();
            assertThat(packets.get()).as("RTP packets of the greeting").isGreaterThan(100);
        }

        Card card = awaitClosedCard();
        assertThat(card.caller()).isEqualTo("+78612000000");
        assertThat(card.region()).isEqualTo("Краснодарский край");
        assertThat(card.called()).isEqualTo("+78001000001");
        assertThat(card.status()).isEqualTo("answered-by-robot");
        assertThat(card.timeline()).extracting(Card.Entry::text).first().asString().contains("Регистрация");
        List<Long> times = card.timeline().stream().map(Card.Entry::time).toList();
        assertThat(times).isSorted();
        assertThat(card.totalMillis()).isPositive();
    }

    @Test
    void aNumberEkcDoesNotServeGets404AndTheNextCallIsAnswered() throws Exception {
        try (DatagramSocket rtp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Sipp wrong = sipp("hotline-call.xml", "+74950000000", rtp.getLocalPort(), "84951234567");
            assertThat(wrong.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(wrong.process.exitValue()).as("the scenario expects 200").isNotZero();
            assertThat(wrong.output()).contains("SIP/2.0 404");

            Sipp right = sipp("hotline-call.xml", "+74950000000", rtp.getLocalPort(), "+78001000001");
            assertThat(right.process.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(right.process.exitValue()).as(right.output()).isZero();
        }
    }

    private Card awaitClosedCard() {
        try (Cards cards = Cards.open(data.resolve("journal"))) {
            Card[] found = new Card[1];
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                cards.refresh();
                List<Card> list = cards.list(CardFilter.all());
                if (list.size() == 1 && list.get(0).closed()) {
                    found[0] = list.get(0);
                    return true;
                }
                return false;
            });
            return found[0];
        }
    }

    /** A SIPp run and the directory of its logs. */
    private record Sipp(Process process, Path dir) {
        String output() {
            StringBuilder sb = new StringBuilder();
            for (String f : List.of("stdout.log", "errors.log", "messages.log")) {
                Path file = dir.resolve(f);
                try {
                    if (Files.exists(file)) {
                        String s = Files.readString(file, StandardCharsets.ISO_8859_1);
                        sb.append("--- ").append(f).append('\n').append(s, Math.max(0, s.length() - 4000), s.length());
                    }
                } catch (IOException e) {
                    sb.append(e);
                }
            }
            return sb.toString();
        }
    }

    private Sipp sipp(String scenario, String caller, int rtpPort, String service) throws IOException {
        Path dir = Files.createTempDirectory(data, "sipp");
        Path sf = dir.resolve(scenario);
        try (var in = HotlineCallTest.class.getResourceAsStream("/sipp/" + scenario)) {
            Files.copy(in, sf);
        }
        Path csv = dir.resolve("callers.csv");
        Files.writeString(csv, "SEQUENTIAL\n" + caller + ";" + rtpPort + ";\n", StandardCharsets.US_ASCII);
        ProcessBuilder pb = new ProcessBuilder("sipp", "-sf", sf.toString(), "-inf", csv.toString(),
                "-s", service, "127.0.0.1:" + ekc.sipPort(), "-i", "127.0.0.1", "-p", String.valueOf(freeUdpPort()),
                "-m", "1", "-timeout", "60s", "-timeout_error", "-nostdin", "-trace_err", "-trace_msg",
                "-message_file", dir.resolve("messages.log").toString(), "-error_file", dir.resolve("errors.log").toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile());
        return new Sipp(pb.start(), dir);
    }

    private static int freeUdpPort() throws SocketException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static AtomicInteger countRtp(DatagramSocket rtp) {
        AtomicInteger packets = new AtomicInteger();
        Thread t = new Thread(() -> {
            byte[] buf = new byte[2048];
            while (!rtp.isClosed()) {
                try {
                    rtp.receive(new DatagramPacket(buf, buf.length));
                    packets.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }, "test-rtp");
        t.setDaemon(true);
        t.start();
        return packets;
    }
}
