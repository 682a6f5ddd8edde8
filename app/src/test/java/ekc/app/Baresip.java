package ekc.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Debian's baresip (package {@code baresip-core}) as an operator's softphone, headless: its own
 * config directory, SIP on 127.0.0.1 only, no {@code stdio} module, control and events over
 * {@code ctrl_tcp} (netstring-framed JSON), a WAV file as its microphone ({@code aufile}) and
 * {@code sndfile} recording what it hears. Runs as a child process; a thread of the test
 * ("baresip-ctrl") reads its messages.
 */
final class Baresip implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Process process;
    private final Socket ctrl;
    private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokens = new AtomicInteger();

    private Baresip(Path dir, Process process, Socket ctrl) {
        this.dir = dir;
        this.process = process;
        this.ctrl = ctrl;
        Thread reader = new Thread(this::read, "baresip-ctrl");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts baresip with one account, {@code accountLine} (baresip's {@code accounts} syntax),
     * speaking {@code microphone} (8 kHz PCM). Fails, rather than skips, when baresip is missing.
     */
    static Baresip start(Path dir, String accountLine, short[] microphone) throws IOException {
        assertThat(onPath("baresip"))
                .as("baresip is not installed. It is a required test peer: scripts/test installs it as root "
                        + "(apt-get install baresip-core, see scripts/apt-packages.txt)")
                .isTrue();
        Files.createDirectories(dir.resolve("heard"));
        Path mic = dir.resolve("microphone.wav");
        Files.write(mic, wav(microphone));
        int ctrlPort = freeTcpPort();
        Files.writeString(dir.resolve("config"), String.join("\n",
                "poll_method epoll",
                "sip_listen 127.0.0.1:" + freeTcpPort(),
                "net_interface 127.0.0.1",
                "audio_source aufile," + mic,
                "ctrl_tcp_listen 127.0.0.1:" + ctrlPort,
                "snd_path " + dir.resolve("heard"),
                "module_path /usr/lib/baresip/modules",
                "module g711.so",
                "module aufile.so",
                "module sndfile.so",
                "module_app account.so",
                "module_app menu.so",
                "module_app ctrl_tcp.so",
                ""));
        Files.writeString(dir.resolve("accounts"), accountLine + "\n");
        Process p = new ProcessBuilder("baresip", "-f", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("baresip.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        Socket[] ctrl = new Socket[1];
        await("baresip's ctrl_tcp port").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            assertThat(p.isAlive()).as("baresip exited at start:\n" + log(dir)).isTrue();
            try {
                ctrl[0] = new Socket(InetAddress.getLoopbackAddress(), ctrlPort);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return new Baresip(dir, p, ctrl[0]);
    }

    /** Sends one command (e.g. {@code reginfo}, {@code hangup}) and waits for its response's text. */
    String command(String command) throws IOException {
        String token = "t" + tokens.incrementAndGet();
        byte[] body = JSON.writeValueAsBytes(java.util.Map.of("command", command, "params", "", "token", token));
        OutputStream out = ctrl.getOutputStream();
        out.write((body.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.write(',');
        out.flush();
        JsonNode[] response = new JsonNode[1];
        await("baresip's response to " + command).atMost(Duration.ofSeconds(5)).until(() -> {
            response[0] = messages.stream().filter(m -> token.equals(m.path("token").asText())).findFirst().orElse(null);
            return response[0] != null;
        });
        return response[0].path("data").asText();
    }

    /** True once baresip sent an event of this type (e.g. {@code CALL_ESTABLISHED}, {@code CALL_CLOSED}). */
    boolean sawEvent(String type) {
        return messages.stream().anyMatch(m -> m.path("event").asBoolean() && type.equals(m.path("type").asText()));
    }

    /** The samples of every call's recording of what baresip heard (sndfile's {@code *-dec.wav}). */
    short[] heard() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("heard"))) {
            List<Path> dec = files.filter(f -> f.getFileName().toString().endsWith("-dec.wav")).sorted().toList();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (Path f : dec) {
                short[] s = ekc.robot.WavSamples.of(Files.readAllBytes(f));
                ByteBuffer b = ByteBuffer.allocate(s.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                b.asShortBuffer().put(s);
                all.write(b.array());
            }
            ByteBuffer b = ByteBuffer.wrap(all.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
            short[] out = new short[b.remaining() / 2];
            b.asShortBuffer().get(out);
            return out;
        }
    }

    String log() {
        return log(dir);
    }

    private static String log(Path dir) {
        try {
            String s = Files.readString(dir.resolve("baresip.log"), StandardCharsets.ISO_8859_1)
                    .replaceAll("\\[\\d+:\\d\\d:\\d\\d\\] audio=\\S+ \\(bit/s\\)\\s*", ""); // its status line, many times a second
            return s.substring(Math.max(0, s.length() - 6000));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void read() {
        try {
            DataInputStream in = new DataInputStream(ctrl.getInputStream());
            while (true) {
                int length = 0;
                for (int c = in.read(); c != ':'; c = in.read()) {
                    if (c < '0' || c > '9') {
                        return; // closed, or not a netstring
                    }
                    length = length * 10 + (c - '0');
                }
                byte[] body = new byte[length];
                in.readFully(body);
                in.read(); // the closing ','
                messages.add(JSON.readTree(body));
            }
        } catch (IOException e) {
            // baresip is gone
        }
    }

    @Override
    public void close() throws Exception {
        ctrl.close();
        process.destroy(); // SIGTERM: baresip un-registers and exits
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A 16-bit mono 8 kHz WAV file of {@code pcm}. */
    private static byte[] wav(short[] pcm) {
        ByteBuffer b = ByteBuffer.allocate(44 + pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + pcm.length * 2).putInt(0x45564157);            // "RIFF" size "WAVE"
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1)           // "fmt " PCM mono
                .putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16);
        b.putInt(0x61746164).putInt(pcm.length * 2);                                       // "data"
        for (short s : pcm) {
            b.putShort(s);
        }
        return b.array();
    }
}
