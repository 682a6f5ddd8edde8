package ekc.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ekc.engine.Input;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the media side: SIPp places a call and replays a pcap of speech (espeak-ng), silence and RFC 4733
 * digits at EKC's RTP port; EKC's media sees the voice start and stop (the silence timer's input, R33) and the
 * digits. The SIP answer comes from a second SIPp acting as EKC's SIP side, because this module does not contain
 * the SIP adapter; the app's end-to-end test runs the same media path behind the real SIP adapter.
 */
class SippPcapTest {

    @TempDir
    Path dir;

    @Test
    void R33_sippReplaysSpeechSilenceAndDigitsAndEkcHearsThem() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sipp")) && Files.isExecutable(Path.of("/usr/bin/espeak-ng")),
                "sipp and espeak-ng are installed by scripts/test");
        short[] speech = speak("Добрый день. Мне нужна справка о пенсии.");
        Pcap pcap = new Pcap().audio(new short[8000 / 2]).audio(speech).audio(new short[8000 * 3 / 2])
                .digit(101, '4').digit(101, '2').audio(new short[8000 / 2]);
        Path pcapFile = Files.write(dir.resolve("caller.pcap"), pcap.bytes());

        List<Input> events = new CopyOnWriteArrayList<>();
        try (MediaServer media = new MediaServer(TestMedia.config(null), "ru", events::add, null)) {
            int uasPort = freePort();
            int uacPort = freePort();
            int rtpPort = media.allocate(61, 61, true);
            int callerMediaPort = freePort();
            // SIPp binds the media port and the three above it; none may be a port another party here uses
            while (callerMediaPort > 65_530 || clashes(callerMediaPort, uasPort, uacPort, rtpPort)) {
                callerMediaPort = freePort();
            }
            // What the SIP adapter does with the caller's offer: send to the SDP address; latch on what arrives.
            media.connect(61, "127.0.0.1", callerMediaPort, G711.PCMU, 101);
            Path uas = Files.writeString(dir.resolve("uas.xml"), UAS.replace("RTP_PORT", String.valueOf(rtpPort)));
            Path uac = Files.writeString(dir.resolve("uac.xml"), UAC.replace("PCAP", pcapFile.toString())
                    .replace("DURATION", String.valueOf((long) (pcap.seconds() * 1000) + 500)));
            Process answering = sipp(dir.resolve("uas.log"), "-sf", uas.toString(), "-i", "127.0.0.1", "-p",
                    String.valueOf(uasPort), "-m", "1");
            try {
                Process calling = sipp(dir.resolve("uac.log"), "-sf", uac.toString(), "-i", "127.0.0.1", "-p",
                        String.valueOf(uacPort), "-mi", "127.0.0.1", "-mp", String.valueOf(callerMediaPort),
                        "-s", "88001000001", "127.0.0.1:" + uasPort, "-m", "1");
                assertThat(calling.waitFor(40, TimeUnit.SECONDS)).isTrue();
                assertThat(calling.exitValue()).as(Files.readString(dir.resolve("uac.log"))).isZero();
                await().atMost(Duration.ofSeconds(5)).until(() -> events.contains(new Input.DtmfDigit(61, '2')));
                assertThat(events).containsSubsequence(new Input.VoiceActivity(61, true), new Input.VoiceActivity(61, false),
                        new Input.DtmfDigit(61, '4'), new Input.DtmfDigit(61, '2'));
                assertThat(events).filteredOn(e -> e instanceof Input.DtmfDigit).hasSize(2);
                RtpStats stats = media.stats(61);
                assertThat(stats.packetsLost()).isZero();
                assertThat(stats.speechMillis()).isBetween(1000L, (long) (speech.length / 8) + 600);
                assertThat(answering.waitFor(10, TimeUnit.SECONDS)).isTrue();
            } finally {
                answering.destroyForcibly();
            }
        }
    }

    private short[] speak(String text) throws IOException, InterruptedException {
        Path raw = dir.resolve("speech-raw.wav");
        Path wav = dir.resolve("speech.wav");
        run("espeak-ng", "-v", "ru", "-w", raw.toString(), text);
        run("sox", raw.toString(), "-r", "8000", "-c", "1", "-b", "16", wav.toString());
        return WavFile.read8k(Files.readAllBytes(wav), wav.toString());
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
    }

    private static Process sipp(Path log, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("sipp", "-nostdin", "-timeout", "30s",
                "-timeout_error", "-max_recv_loops", "1000"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(log.getParent().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    private static boolean clashes(int base, int... used) {
        for (int u : used) {
            if (u >= base && u <= base + 3) {
                return true;
            }
        }
        return false;
    }

    /** A free UDP port on the loopback (bound and released; SIPp wants a number). */
    private static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    private static final String UAS = """
            <?xml version="1.0" encoding="ISO-8859-1" ?>
            <scenario name="EKC's SIP side, answering with EKC's RTP port">
              <recv request="INVITE" crlf="true"/>
              <send>
                <![CDATA[
                  SIP/2.0 200 OK
                  [last_Via:]
                  [last_From:]
                  [last_To:];tag=[pid]ekc[call_number]
                  [last_Call-ID:]
                  [last_CSeq:]
                  Contact: <sip:ekc@[local_ip]:[local_port]>
                  Content-Type: application/sdp
                  Content-Length: [len]

                  v=0
                  o=ekc 1 1 IN IP4 127.0.0.1
                  s=EKC
                  c=IN IP4 127.0.0.1
                  t=0 0
                  m=audio RTP_PORT RTP/AVP 0 101
                  a=rtpmap:0 PCMU/8000
                  a=rtpmap:101 telephone-event/8000
                  a=fmtp:101 0-15
                ]]>
              </send>
              <recv request="ACK"/>
              <recv request="BYE"/>
              <send>
                <![CDATA[
                  SIP/2.0 200 OK
                  [last_Via:]
                  [last_From:]
                  [last_To:]
                  [last_Call-ID:]
                  [last_CSeq:]
                  Content-Length: 0
                ]]>
              </send>
            </scenario>
            """;

    private static final String UAC = """
            <?xml version="1.0" encoding="ISO-8859-1" ?>
            <scenario name="A caller who speaks, falls silent and dials two digits">
              <send retrans="500">
                <![CDATA[
                  INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
                  Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                  From: <sip:79181234567@[local_ip]:[local_port]>;tag=[pid]caller[call_number]
                  To: <sip:[service]@[remote_ip]:[remote_port]>
                  Call-ID: [call_id]
                  CSeq: 1 INVITE
                  Contact: <sip:79181234567@[local_ip]:[local_port]>
                  Max-Forwards: 70
                  Content-Type: application/sdp
                  Content-Length: [len]

                  v=0
                  o=caller 1 1 IN IP[local_ip_type] [local_ip]
                  s=-
                  c=IN IP[media_ip_type] [media_ip]
                  t=0 0
                  m=audio [media_port] RTP/AVP 0 101
                  a=rtpmap:0 PCMU/8000
                  a=rtpmap:101 telephone-event/8000
                ]]>
              </send>
              <recv response="100" optional="true"/>
              <recv response="200"/>
              <send>
                <![CDATA[
                  ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
                  Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                  [last_From:]
                  [last_To:]
                  [last_Call-ID:]
                  CSeq: 1 ACK
                  Contact: <sip:79181234567@[local_ip]:[local_port]>
                  Max-Forwards: 70
                  Content-Length: 0
                ]]>
              </send>
              <nop>
                <action>
                  <exec play_pcap_audio="PCAP"/>
                </action>
              </nop>
              <pause milliseconds="DURATION"/>
              <send retrans="500">
                <![CDATA[
                  BYE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
                  Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                  [last_From:]
                  [last_To:]
                  [last_Call-ID:]
                  CSeq: 2 BYE
                  Contact: <sip:79181234567@[local_ip]:[local_port]>
                  Max-Forwards: 70
                  Content-Length: 0
                ]]>
              </send>
              <recv response="200" crlf="true"/>
            </scenario>
            """;
}
