package ekc.asterisk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The fake Asterisk peers replay the transcripts byte for byte: each {@code *.app.txt} sent raw
 * gets exactly the matching {@code *.asterisk.txt} back. So the adapter's tests run against
 * Asterisk's wire format, not against what our client happens to send.
 */
class FakePeersTest {

    @Test
    void amiAnswersEveryTranscriptExactly() throws Exception {
        try (FakeAmi ami = new FakeAmi("javaclient", "s3cr3t")) {
            ami.channels.add("PJSIP/1001-00000004");
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), ami.port())) {
                s.setSoTimeout(5_000);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                assertThat(readUntil(in, "\r\n")).isEqualTo(TestData.ami("01-banner.asterisk.txt"));
                exchange(in, out, "09-error-not-authenticated");
                exchange(in, out, "02-login-success");
                for (String name : List.of("04-ping", "06-redirect", "06-redirect-nochannel", "07-queuestatus",
                        "08-events-off", "08-events-on", "08-filter-legacy", "08-filter-badop",
                        "09-error-unknown-action", "09-error-missing-action", "09-error-originate-noexten")) {
                    exchange(in, out, name);
                }
                exchange(in, out, "10-logoff");
                assertThat(in.read()).as("Asterisk closes after Goodbye").isEqualTo(-1);
            }
        }
    }

    @Test
    void amiRefusesABadSecretAfterASecondAndHangsUp() throws Exception {
        try (FakeAmi ami = new FakeAmi("javaclient", "s3cr3t");
             Socket s = new Socket(InetAddress.getLoopbackAddress(), ami.port())) {
            s.setSoTimeout(5_000);
            InputStream in = s.getInputStream();
            readUntil(in, "\r\n");
            long t0 = System.nanoTime();
            exchange(in, s.getOutputStream(), "03-login-failure");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isGreaterThanOrEqualTo(900);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void amiOriginateAcksThenSendsOriginateResponseWithTheTranscriptsHeaders() throws Exception {
        try (FakeAmi ami = new FakeAmi("javaclient", "s3cr3t");
             Socket s = new Socket(InetAddress.getLoopbackAddress(), ami.port())) {
            s.setSoTimeout(5_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            readUntil(in, "\r\n");
            exchange(in, out, "02-login-success");
            String[] expected = TestData.ami("05-originate-async.asterisk.txt").split("\r\n\r\n");
            send(out, TestData.ami("05-originate-async.app.txt"));
            assertThat(readUntil(in, "\r\n\r\n")).isEqualTo(expected[0] + "\r\n\r\n");
            String event = readUntil(in, "\r\n\r\n");
            // channel and uniqueid are Asterisk's to choose; every header, its order and the rest are the transcript's
            assertThat(names(event)).isEqualTo(names(expected[1] + "\r\n\r\n"));
            assertThat(event).contains("ActionID: orig-1\r\n", "Response: Success\r\n", "Reason: 4\r\n",
                    "Channel: PJSIP/1001-");
        }
    }

    @Test
    void agiAnswersTheWholeSessionTranscriptExactly() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // Asterisk hangs up after the 5th reply (EXEC Dial), as in 10-session
            FakeAgiCall call = new FakeAgiCall(server.getLocalPort(), "10-session.asterisk.txt", "ivr/main",
                    List.of("sales", "1001"), 5);
            Thread t = new Thread(call);
            t.start();
            try (Socket s = server.accept()) {
                s.setSoTimeout(5_000);
                InputStream in = s.getInputStream();
                String env = readUntil(in, "\n\n");
                String transcript = TestData.agi("10-session.asterisk.txt");
                String expectedEnv = transcript.substring(0, transcript.indexOf("\n\n") + 2)
                        .replace("agi://127.0.0.1:4573/", "agi://127.0.0.1:" + server.getLocalPort() + "/");
                assertThat(env).isEqualTo(expectedEnv);
                for (String command : TestData.agi("10-session.app.txt").split("\n")) {
                    send(s.getOutputStream(), command + "\n");
                }
                s.shutdownOutput();
                String replies = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(replies).isEqualTo(transcript.substring(transcript.indexOf("\n\n") + 2));
            }
            assertThat(call.ended.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void agiAnswersUnknownCommandsAndBadSyntaxAsTheTranscriptsDo() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            FakeAgiCall call = new FakeAgiCall(server.getLocalPort(), "01-env.asterisk.txt", "x", List.of(), -1);
            new Thread(call).start();
            try (Socket s = server.accept()) {
                s.setSoTimeout(5_000);
                InputStream in = s.getInputStream();
                readUntil(in, "\n\n");
                StringBuilder expected = new StringBuilder();
                for (String name : List.of("02-answer", "03-get-variable-set", "03-get-variable-unset", "04-set-variable",
                        "05-stream-file", "05-stream-file-missing", "06-exec-dial", "06-exec-unknown-app",
                        "07-hangup-other-missing", "08-error-510", "08-error-520", "07-hangup", "08-error-511-dead")) {
                    send(s.getOutputStream(), TestData.agi(name + ".app.txt"));
                    expected.append(TestData.agi(name + ".asterisk.txt"));
                }
                s.shutdownOutput();
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(expected.toString());
            }
        }
    }

    private static void exchange(InputStream in, OutputStream out, String name) throws IOException {
        send(out, TestData.ami(name + ".app.txt"));
        String expected = TestData.ami(name + ".asterisk.txt");
        int messages = expected.split("\r\n\r\n").length;
        StringBuilder got = new StringBuilder();
        for (int i = 0; i < messages; i++) {
            got.append(readUntil(in, "\r\n\r\n"));
        }
        assertThat(got.toString()).as(name).isEqualTo(expected);
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (!b.toString(StandardCharsets.UTF_8).endsWith(end)) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    private static List<String> names(String message) {
        return java.util.Arrays.stream(message.split("\r\n")).filter(l -> !l.isEmpty())
                .map(l -> l.substring(0, l.indexOf(':'))).toList();
    }
}
