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
            Map.entry("badaspec.sip", 200), // liberal: spaces in the To addr-spec ignored (OPTIONS)
            Map.entry("badbranch.sip", 200), // bare z9hG4bK branch: RFC 2543 matching fallback (OPTIONS)
            Map.entry("baddate.sip", 404),
            Map.entry("baddn.sip", 200), // liberal: unquoted display name accepted (OPTIONS)
            Map.entry("badinv01.sip", 400),
            Map.entry("badvers.sip", 0),
            Map.entry("bcast.sip", 0),
            Map.entry("bext01.sip", 0),
            Map.entry("bigcode.sip", 0),
            Map.entry("clerr.sip", 400),
            Map.entry("cparam01.sip", 401),
            Map.entry("cparam02.sip", 401),
            Map.entry("dblreq.sip", 401),
            Map.entry("esc01.sip", 404),
            Map.entry("esc02.sip", 0),
            Map.entry("escnull.sip", 401), // REGISTER without credentials: challenged
            Map.entry("escruri.sip", 404),
            Map.entry("insuf.sip", 0),
            Map.entry("intmeth.sip", 0),
            Map.entry("inv2543.sip", 0),
            Map.entry("invut.sip", 404), // not our number is decided before the body's type (415 for the hotline)
            Map.entry("longreq.sip", 0),
            Map.entry("ltgtruri.sip", 400),
            Map.entry("lwsdisp.sip", 200),
            Map.entry("lwsruri.sip", 400),
            Map.entry("lwsstart.sip", 404), // liberal: extra SP in the Request-Line ignored; not our number
            Map.entry("mcl01.sip", 200), // KNOWN DEVIATION: JAIN-SIP frames by one of the two Content-Lengths; RFC 4475 wants an error
            Map.entry("mismatch01.sip", 400),
            Map.entry("mismatch02.sip", 400),
            Map.entry("mpart01.sip", 405), // MESSAGE parsed (binary body framed by Content-Length); EKC takes no MESSAGE
            Map.entry("multi01.sip", 404), // KNOWN DEVIATION: JAIN-SIP keeps the first of the repeated headers; RFC 4475 wants 400
            Map.entry("ncl.sip", 400),
            Map.entry("noreason.sip", 0),
            Map.entry("novelsc.sip", 0),
            Map.entry("quotbal.sip", 400),
            Map.entry("regaut01.sip", 0), // its top Via names TCP
            Map.entry("regbadct.sip", 401),
            Map.entry("regescrt.sip", 401),
            Map.entry("scalar02.sip", 400),
            Map.entry("scalarlg.sip", 0),
            Map.entry("sdp01.sip", 404), // not our number is decided before Accept (406)
            Map.entry("semiuri.sip", 200),
            Map.entry("transports.sip", 200),
            Map.entry("trws.sip", 0),
            Map.entry("unkscm.sip", 0),
            Map.entry("unksm2.sip", 400), // the registrar wants a SIP To
            Map.entry("unreason.sip", 0),
            Map.entry("wsinv.sip", 0),
            Map.entry("zeromf.sip", 200))); // an endpoint processes Max-Forwards 0 normally (OPTIONS)

    private static final Pattern TOP_VIA = Pattern.compile(
            "(?im)^((?:Via|v)[ \\t]*:[ \\t]*SIP[ \\t]*/[ \\t]*2\\.0[ \\t]*/[ \\t]*UDP[ \\t]+)([^;,\\s]+)");

    @TempDir
    Path dir;

    SipRig ekc;

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
        ekc = new SipRig(false);
        Path torture = testdata();
        List<String> manifest = Files.readAllLines(torture.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8);
        // each message from its own socket (several share a Call-ID), all sent before any is read
        Map<String, Integer> seen = new LinkedHashMap<>();
        Map<String, RawSip> sockets = new LinkedHashMap<>();
        try {
            for (String line : manifest.subList(1, manifest.size())) {
                String file = line.split("\t")[0];
                RawSip socket = new RawSip(ekc.port());
                sockets.put(file, socket);
                socket.send(towardsUs(Files.readAllBytes(torture.resolve(file)), socket.port()));
            }
            boolean first = true;
            for (Map.Entry<String, RawSip> e : sockets.entrySet()) {
                int status = 0;
                for (String reply = e.getValue().receive(first ? 3000 : 150); reply != null; reply = e.getValue().receive(150)) {
                    if (reply.startsWith("SIP/2.0 ") && reply.charAt(8) != '1') {
                        status = RawSip.status(reply);
                    }
                }
                first = false;
                seen.put(e.getKey(), status);
            }
        } finally {
            sockets.values().forEach(RawSip::close);
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

    private static final Pattern BRANCH = Pattern.compile("(?i)(branch[ \\t]*=[ \\t]*)([^;,\\s]+)");

    /**
     * The message with its top Via's sent-by pointing at our socket, and its branch made unique
     * (many RFC messages share {@code z9hG4bKkdjuw}, which the transaction layer would rightly treat as
     * one transaction); badbranch's bare {@code z9hG4bK} is left as it is. All other bytes unchanged.
     */
    static byte[] towardsUs(byte[] wire, int port) {
        String text = new String(wire, StandardCharsets.ISO_8859_1);
        Matcher m = TOP_VIA.matcher(text);
        if (!m.find()) {
            return wire;
        }
        String head = text.substring(0, m.start(2)) + "127.0.0.1:" + port;
        String rest = text.substring(m.end(2));
        int eol = rest.indexOf("\r\n");
        String via = eol >= 0 ? rest.substring(0, eol) : rest;
        Matcher b = BRANCH.matcher(via);
        if (b.find() && !b.group(2).equals("z9hG4bK")) {
            via = via.substring(0, b.end(2)) + ".t" + port + via.substring(b.end(2));
        }
        return (head + via + (eol >= 0 ? rest.substring(eol) : "")).getBytes(StandardCharsets.ISO_8859_1);
    }
}
