package ekc.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ekc.config.ConfigLoader;
import ekc.config.EkcConfig;
import ekc.recordings.Card;
import ekc.recordings.CardFilter;
import ekc.recordings.Cards;
import ekc.recordings.RecordingExport;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recording round trip (issue 7): SIPp calls a real EKC and plays sip-tester's A-law recording as RTP;
 * the card's WAV has that audio on the caller's (left) channel, sample for sample, where it was sent.
 */
class RecordingRoundTripTest {

    /** What the caller says: 3 s of noise (its correlation peaks sharply), A-law. */
    private static final int SENT_SAMPLES = 3 * 8000;

    @TempDir
    Path data;

    Ekc ekc;

    @BeforeEach
    void start() {
        EkcConfig config = ConfigLoader.withOverrides(ConfigLoader.embedded(), Map.of("sip.port", 0, "robot.enabled", false)); // greeting, goodbye, BYE: the recording is the point
        ekc = Ekc.start(config, data.resolve("journal"));
    }

    @AfterEach
    void stop() {
        ekc.close();
    }

    @Test
    void theWavHoldsTheAudioSippSentInTime() throws Exception {
        Path dir = Files.createTempDirectory(data, "sipp");
        short[] sent = noise(SENT_SAMPLES);
        Path pcap = dir.resolve("caller.pcap");
        writePcap(pcap, sent);
        Path sf = dir.resolve("caller-speaks.xml");
        try (var in = RecordingRoundTripTest.class.getResourceAsStream("/sipp/caller-speaks.xml")) {
            Files.writeString(sf, new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@PCAP@", pcap.toString()));
        }
        Path csv = dir.resolve("callers.csv");
        Files.writeString(csv, "SEQUENTIAL\n+78612000000;\n", StandardCharsets.US_ASCII);
        Process sipp = new ProcessBuilder("sipp", "-sf", sf.toString(), "-inf", csv.toString(), "-s", "88001000001",
                "127.0.0.1:" + ekc.sipPort(), "-i", "127.0.0.1", "-p", String.valueOf(freeUdpPort()),
                "-mp", String.valueOf(freeUdpPort()), "-m", "1", "-timeout", "60s", "-timeout_error", "-nostdin",
                "-trace_err", "-error_file", dir.resolve("errors.log").toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        assertThat(sipp.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(sipp.exitValue()).as(Files.readString(dir.resolve("stdout.log"), StandardCharsets.ISO_8859_1)).isZero();

        Card card;
        try (Cards cards = Cards.open(data.resolve("journal"))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> cards.list(CardFilter.all()).stream().anyMatch(Card::closed));
            card = cards.list(CardFilter.all()).get(0);
        }
        Path wav = data.resolve("call.wav");
        RecordingExport.Result r = RecordingExport.write(ekc.journal, card.number(), wav);
        assertThat(r.callerFrames()).as("frames from the caller").isGreaterThan(50);
        assertThat(r.ekcFrames()).as("frames of Yana's greeting").isGreaterThan(50);

        short[][] stereo = stereo(Files.readAllBytes(wav));
        assertThat(stereo[0].length).isEqualTo((int) (r.durationMillis() * 8));
        short[] left = stereo[0];
        int start = firstSound(left);
        assertThat(start).as("the caller's audio starts").isPositive();
        // Where the pcap's first half second best matches, near the first sound: that is where it was sent.
        int at = bestMatch(left, sent, 0, start - 800, start + 800, 4000);
        assertThat(correlation(left, at, sent, 0, 4000)).as("the first 0.5 s is the audio SIPp sent").isGreaterThan(0.9);
        // Later audio sits where its time says, give or take the jitter buffer's play-out (60 ms).
        int played = Math.min(sent.length, left.length - at) - 4000;
        assertThat(played).as("at least 1.5 s of the caller's audio").isGreaterThan(12_000);
        int later = played / 4000 * 4000;
        int found = bestMatch(left, sent, later, at + later - 480, at + later + 480, 4000);
        assertThat(correlation(left, found, sent, later, 4000)).isGreaterThan(0.9);
        assertThat(Math.abs(found - (at + later))).as("drift in samples").isLessThanOrEqualTo(480);
        // Nothing from the caller before their audio began: silence there (G.711 silence decodes to ±8).
        for (int i = 0; i < at - 80; i++) {
            assertThat(Math.abs(left[i])).as("sample %d", i).isLessThan(64);
        }
    }

    private static int firstSound(short[] s) {
        for (int i = 0; i < s.length; i++) {
            if (Math.abs(s[i]) > 200) {
                return i;
            }
        }
        return -1;
    }

    private static int bestMatch(short[] hay, short[] needle, int from, int lo, int hi, int len) {
        int best = Math.max(0, lo);
        double bestC = -2;
        for (int off = Math.max(0, lo); off <= hi && off + len <= hay.length; off++) {
            double c = correlation(hay, off, needle, from, len);
            if (c > bestC) {
                bestC = c;
                best = off;
            }
        }
        return best;
    }

    private static double correlation(short[] a, int aFrom, short[] b, int bFrom, int len) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < len && aFrom + i < a.length && bFrom + i < b.length; i++) {
            double x = a[aFrom + i], y = b[bFrom + i];
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }

    private static short[][] stereo(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav, 44, wav.length - 44).order(ByteOrder.LITTLE_ENDIAN);
        int n = (wav.length - 44) / 4;
        short[][] s = new short[2][n];
        for (int i = 0; i < n; i++) {
            s[0][i] = b.getShort();
            s[1][i] = b.getShort();
        }
        return s;
    }

    /** Deterministic noise as it comes out of A-law: what the recording must hold. */
    private static short[] noise(int n) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(42);
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = alaw(alaw((short) (r.nextInt(12_000) - 6_000)));
        }
        return s;
    }

    /** A pcap (Ethernet, IPv4, UDP, RTP PCMA) of {@code audio} in 20 ms packets, 20 ms apart; SIPp re-addresses it. */
    private static void writePcap(Path file, short[] audio) throws IOException {
        int packets = audio.length / 160;
        ByteBuffer b = ByteBuffer.allocate(24 + packets * (16 + 14 + 20 + 8 + 12 + 160)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        for (int p = 0; p < packets; p++) {
            int len = 14 + 20 + 8 + 12 + 160;
            long micros = p * 20_000L;
            b.putInt((int) (1_700_000_000 + micros / 1_000_000)).putInt((int) (micros % 1_000_000)).putInt(len).putInt(len);
            b.order(ByteOrder.BIG_ENDIAN);
            b.put(new byte[12]).putShort((short) 0x0800); // Ethernet: addresses, IPv4
            b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 8 + 12 + 160)).putShort((short) p).putShort((short) 0)
                    .put((byte) 64).put((byte) 17).putShort((short) 0).putInt(0x7f000001).putInt(0x7f000001);
            b.putShort((short) 6000).putShort((short) 6002).putShort((short) (8 + 12 + 160)).putShort((short) 0);
            b.put((byte) 0x80).put((byte) 8).putShort((short) p).putInt(p * 160).putInt(0x12345678);
            for (int i = 0; i < 160; i++) {
                b.put(alaw(audio[p * 160 + i]));
            }
            b.order(ByteOrder.LITTLE_ENDIAN);
        }
        Files.write(file, b.array());
    }

    /** Linear to A-law (G.711). */
    private static byte alaw(short pcm) {
        int sign = pcm >= 0 ? 0x80 : 0;
        int v = pcm >= 0 ? pcm : -pcm - 1;
        v = Math.min(v, 32767) >> 3;
        int seg = 0;
        for (int limit = 0x1f; v > limit && seg < 7; limit = (limit << 1) | 1) {
            seg++;
        }
        int mantissa = seg == 0 ? v >> 1 : (v >> seg) & 0x0f;
        return (byte) ((sign | (seg << 4) | mantissa) ^ 0x55);
    }

    private static short alaw(byte v) {
        int a = (v ^ 0x55) & 0xff;
        int t = (a & 0x0f) << 4;
        int seg = (a & 0x70) >> 4;
        t = seg == 0 ? t + 8 : seg == 1 ? t + 0x108 : (t + 0x108) << (seg - 1);
        return (short) ((a & 0x80) != 0 ? t : -t);
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
