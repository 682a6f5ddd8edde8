package ekc.sip;

import static org.assertj.core.api.Assertions.assertThat;

import ekc.config.EkcConfig;
import ekc.config.SipConfig;
import ekc.engine.CallIds;
import ekc.engine.Command;
import ekc.engine.Input;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 49 RFC 4475 torture messages, as wire bytes over UDP, each answered as MANIFEST.tsv says a
 * compliant endpoint may (or dropped where a response cannot be answered); then a normal call
 * still works. Only the top Via's sent-by is rewritten to this test's socket so that responses
 * come back here instead of to the RFC's example hosts; every other byte is as in the RFC.
 */
class TortureTest {

    /**
     * What reaches this socket for each message: a final status, or 0 when nothing does. 0 is
     * right for responses (never answered), for what the stack drops as unparseable, and for
     * requests whose top Via names TCP (wsinv, intmeth, unkscm …): their answer goes over TCP to
     * the RFC's example host, not here. Everything in the 400 column is the parser's 400 from
     * JAIN-SIP; the rest is EKC's own answer.
     */
    static final Map<String, Integer> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("wsinv.sip", 0),
            Map.entry("intmeth.sip", 0),
            Map.entry("esc01.sip", 0),
            Map.entry("escnull.sip", 0),
            Map.entry("esc02.sip", 0),
            Map.entry("lwsdisp.sip", 200),
            Map.entry("longreq.sip", 0),
            Map.entry("dblreq.sip", 401),
            Map.entry("semiuri.sip", 0),
            Map.entry("transports.sip", 0),
            Map.entry("mpart01.sip", 405), // MESSAGE parsed (binary body framed by Content-Length); EKC does not take MESSAGE
            Map.entry("unreason.sip", 0),
            Map.entry("noreason.sip", 0),
            Map.entry("badinv01.sip", 400),
            Map.entry("clerr.sip", 400),
            Map.entry("ncl.sip", 400),
            Map.entry("scalar02.sip", 400),
            Map.entry("scalarlg.sip", 0),
            Map.entry("quotbal.sip", 400),
            Map.entry("ltgtruri.sip", 400),
            Map.entry("lwsruri.sip", 400),
            Map.entry("lwsstart.sip", 404), // liberal: extra SP in the Request-Line ignored; not our number
            Map.entry("trws.sip", 0),
            Map.entry("escruri.sip", 0),
            Map.entry("baddate.sip", 0),
            Map.entry("regbadct.sip", 0),
            Map.entry("badaspec.sip", 200), // liberal: spaces in the To addr-spec ignored (OPTIONS)
            Map.entry("baddn.sip", 0),
            Map.entry("badvers.sip", 0),
            Map.entry("mismatch01.sip", 400),
            Map.entry("mismatch02.sip", 400),
            Map.entry("bigcode.sip", 0),
            Map.entry("badbranch.sip", 200), // bare z9hG4bK branch: RFC 2543 matching fallback (OPTIONS)
            Map.entry("insuf.sip", 0),
            Map.entry("unkscm.sip", 0),
            Map.entry("novelsc.sip", 0),
            Map.entry("unksm2.sip", 0),
            Map.entry("bext01.sip", 0),
            Map.entry("invut.sip", 0),
            Map.entry("regaut01.sip", 0),
            Map.entry("multi01.sip", 0),
            Map.entry("mcl01.sip", 200), // JAIN-SIP frames by the last Content-Length and answers; RFC 4475 wants an error (known deviation)
            Map.entry("bcast.sip", 0),
            Map.entry("zeromf.sip", 200), // an endpoint processes Max-Forwards 0 normally (OPTIONS)
            Map.entry("cparam01.sip", 0),
            Map.entry("cparam02.sip", 0),
            Map.entry("regescrt.sip", 0),
            Map.entry("sdp01.sip", 0),
            Map.entry("inv2543.sip", 0)));

    private static final Pattern TOP_VIA = Pattern.compile(
            "(?im)^((?:Via|v)[ \\t]*:[ \\t]*SIP[ \\t]*/[ \\t]*2\\.0[ \\t]*/[ \\t]*UDP[ \\t]+)([^;,\\s]+)");

    @TempDir
    Path dir;

    EkcUnderTest ekc;

    @AfterEach
    void stop() {
        if (ekc != null) {
            ekc.close();
        }
    }

    /**
     * {@code ekc.testdata} as Surefire sets it (repo root/../shared/testdata), else the same path seen
     * from this module; a git worktree one level deeper looks one level further up.
     */
    static Path testdata() {
        String prop = System.getProperty("ekc.testdata");
        for (Path p : new Path[] {prop != null ? Paths.get(prop) : null, Paths.get("..", "..", "shared", "testdata"),
                Paths.get("..", "..", "..", "shared", "testdata")}) {
            if (p != null && Files.isRegularFile(p.resolve("sip-torture").resolve("MANIFEST.tsv"))) {
                return p.resolve("sip-torture");
            }
        }
        throw new IllegalStateException("RFC 4475 messages not found: set -Dekc.testdata=DIR (holding sip-torture/)");
    }

    @Test
    void everyRfc4475MessageGetsAnAcceptableAnswerAndANormalCallStillWorks() throws IOException {
        ekc = new EkcUnderTest(false);
        Path torture = testdata();
        List<String> manifest = Files.readAllLines(torture.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8);
        Map<String, Integer> seen = new LinkedHashMap<>();
        Map<String, String> byCallId = new LinkedHashMap<>();
        try (RawSip socket = new RawSip(ekc.port())) {
            for (String line : manifest.subList(1, manifest.size())) {
                String file = line.split("\t")[0];
                seen.put(file, 0);
                byte[] bytes = Files.readAllBytes(torture.resolve(file));
                String callId = callIdOf(new String(bytes, StandardCharsets.ISO_8859_1));
                if (callId != null) {
                    byCallId.put(callId, file);
                }
                socket.send(towardsUs(bytes, socket.port()));
            }
            // every answer names its request's Call-ID; collect final answers until the socket is quiet
            for (String reply = socket.receive(3000); reply != null; reply = socket.receive(1500)) {
                String file = byCallId.get(callIdOf(reply));
                if (file != null && reply.startsWith("SIP/2.0 ") && reply.charAt(8) != '1') {
                    seen.put(file, RawSip.status(reply));
                }
            }
        }
        assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
        assertThat(new TreeMap<>(seen)).isEqualTo(EXPECTED);
        // none of them reached the engine as a call
        assertThat(ekc.inputs).noneMatch(Input.CallOffered.class::isInstance);
        Sipp.Result r = Sipp.run(dir, "uac_bye", ekc.port(), "udp", "88001000001", 1);
        assertThat(r.ok()).as(r.output()).isTrue();
        assertThat(ekc.inputs).filteredOn(Input.CallOffered.class::isInstance).hasSize(1);
        assertThat(ekc.commands).filteredOn(Command.AnswerCall.class::isInstance).hasSize(1);
    }

    private static final Pattern CALL_ID = Pattern.compile("(?im)^(?:Call-ID|i)[ \\t]*:[ \\t]*(\\S+)");

    static String callIdOf(String message) {
        Matcher m = CALL_ID.matcher(message);
        return m.find() ? m.group(1) : null;
    }

    /** The message with its top Via's sent-by pointing at our socket; all other bytes unchanged. */
    static byte[] towardsUs(byte[] wire, int port) {
        String text = new String(wire, StandardCharsets.ISO_8859_1);
        Matcher m = TOP_VIA.matcher(text);
        if (!m.find()) {
            return wire;
        }
        return (text.substring(0, m.start(2)) + "127.0.0.1:" + port + text.substring(m.end(2)))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

}
