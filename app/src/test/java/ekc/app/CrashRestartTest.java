package ekc.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ekc.engine.CardEvent;
import ekc.recordings.Card;
import ekc.recordings.CardFilter;
import ekc.recordings.Cards;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability (issue 7): {@code ekc run} as its own process takes SIPp's 200 calls, is killed with SIGKILL
 * in the middle, and is started again on the same data directory. Every card is then consistent and
 * closed exactly once; the calls cut off are closed as interrupted, with the reason.
 */
class CrashRestartTest {

    private static final Pattern READY = Pattern.compile("EKC ready: call sip:\\S+@127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path data;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void killMinus9InTheMiddleOf200CallsThenRestartClosesEveryCardOnce() throws Exception {
        Ekc first = start();
        Process sipp;
        try (DatagramSocket rtp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            sipp = sipp(first.port, rtp.getLocalPort());
            try (Cards cards = Cards.open(data.resolve("journal"))) {
                // Kill while calls are being answered, greeted and closed: some cards done, some not.
                await().atMost(Duration.ofSeconds(60)).until(() -> cards.size() >= 60
                        && !cards.list(CardFilter.all().withStatus(Card.IN_PROGRESS)).isEmpty()
                        && !cards.list(CardFilter.all().withStatus("answered-by-robot")).isEmpty());
            }
            first.process.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            assertThat(first.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(first.process.exitValue()).isEqualTo(137);
            sipp.destroyForcibly();
        }

        int inProgress;
        try (Cards cards = Cards.open(data.resolve("journal"))) {
            inProgress = cards.list(CardFilter.all().withStatus(Card.IN_PROGRESS)).size();
        }
        assertThat(inProgress).as("calls cut off by the kill").isPositive();

        Ekc second = start(); // closes what the first left open, before taking calls
        second.process.destroy(); // SIGTERM: a clean stop
        assertThat(second.process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        try (Cards cards = Cards.open(data.resolve("journal"))) {
            List<Card> all = cards.list(CardFilter.all());
            assertThat(all).hasSizeGreaterThanOrEqualTo(60);
            int interrupted = 0;
            for (Card c : all) {
                List<CardEvent> events = cards.events(c.number());
                assertThat(events.get(0)).as("card %d opens first", c.number()).isInstanceOf(CardEvent.CardOpened.class);
                assertThat(events.stream().filter(e -> e instanceof CardEvent.CardClosed).count())
                        .as("card %d closed once", c.number()).isEqualTo(1);
                assertThat(events.get(events.size() - 1)).as("card %d: nothing after its close", c.number())
                        .isInstanceOf(CardEvent.CardClosed.class);
                assertThat(events.stream().filter(e -> e instanceof CardEvent.CallEnded).count())
                        .as("card %d's call ended once", c.number()).isEqualTo(1);
                assertThat(c.caller()).startsWith("+7918");
                if (c.status().equals(Card.INTERRUPTED)) {
                    interrupted++;
                    assertThat(c.statusReason()).isNotBlank();
                } else {
                    assertThat(c.status()).isEqualTo("answered-by-robot");
                }
            }
            assertThat(interrupted).isEqualTo(inProgress);
        }
    }

    /** A running {@code ekc run} process and its SIP port. */
    private record Ekc(Process process, int port) {}

    private Ekc start() throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-Dchronicle")).toList());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "ekc.app.Main", "run",
                "--data", data.toString(), "--sip-port", "0", "--sip-host", "127.0.0.1",
                // SIPp is one address sending many calls: not a flood here.
                "--set", "sip.limits.invitesPerSecond=1000",
                // the HTTP API's card index is the one the restart looks into
                "--set", "http.enabled=true", "--set", "http.port=0",
                // greeting, goodbye, BYE: the journal is the point, not Yana (who needs a Vosk model)
                "--set", "robot.enabled=false"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        processes.add(p);
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IllegalStateException("ekc run exited before it was ready"));
        }, "ekc-output");
        reader.setDaemon(true);
        reader.start();
        return new Ekc(p, port.join());
    }

    /** SIPp places 200 calls at 25 a second, each greeted by Yana and hung up by EKC. */
    private Process sipp(int sipPort, int rtpPort) throws IOException {
        Path dir = Files.createTempDirectory(data, "sipp");
        Path sf = dir.resolve("hotline-call.xml");
        try (var in = CrashRestartTest.class.getResourceAsStream("/sipp/hotline-call.xml")) {
            Files.copy(in, sf);
        }
        StringBuilder csv = new StringBuilder("SEQUENTIAL\n");
        for (int i = 0; i < 200; i++) {
            csv.append("+7918").append(1_000_000 + i).append(';').append(rtpPort).append(";\n");
        }
        Path callers = dir.resolve("callers.csv");
        Files.writeString(callers, csv, StandardCharsets.US_ASCII);
        int local;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            local = s.getLocalPort();
        }
        Process p = new ProcessBuilder("sipp", "-sf", sf.toString(), "-inf", callers.toString(), "-s", "88001000001",
                "127.0.0.1:" + sipPort, "-i", "127.0.0.1", "-p", String.valueOf(local), "-m", "200", "-r", "25",
                "-l", "200", "-timeout", "120s", "-nostdin", "-trace_err",
                "-error_file", dir.resolve("errors.log").toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        processes.add(p);
        return p;
    }
}
