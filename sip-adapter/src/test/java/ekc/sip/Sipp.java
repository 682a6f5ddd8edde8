package ekc.sip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real SIPp (from Debian's sip-tester) against a SIP port; test thread. */
final class Sipp {

    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private Sipp() {}

    /** Runs a scenario from the test resources ({@code /sipp/NAME.xml}) for {@code calls} calls. */
    static Result run(Path workDir, String scenario, int sipPort, String transport, String service, int calls,
                      String... extra) {
        try {
            Path xml = workDir.resolve(scenario + ".xml");
            try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + scenario + ".xml")) {
                Files.copy(in, xml, StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> cmd = new ArrayList<>(List.of("sipp", "127.0.0.1:" + sipPort, "-sf", xml.toString(),
                    "-i", "127.0.0.1", "-p", Integer.toString(freePort()), "-mp", Integer.toString(freePort()),
                    "-t", "tcp".equals(transport) ? "t1" : "u1", "-s", service, "-key", "caller", "88612000000",
                    "-m", Integer.toString(calls), "-r", "10", "-l", "5", "-nostdin", "-timeout", "20s",
                    "-timeout_error", "-recv_timeout", "8000", "-trace_err", "-error_file",
                    workDir.resolve(scenario + "-errors.log").toString()));
            cmd.addAll(List.of(extra));
            Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(workDir.resolve(scenario + ".out").toFile()).start();
            if (!p.waitFor(40, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "sipp did not finish");
            }
            String out = Files.readString(workDir.resolve(scenario + ".out"), StandardCharsets.ISO_8859_1);
            Path errors = workDir.resolve(scenario + "-errors.log");
            if (Files.exists(errors)) {
                out += "\n--- errors ---\n" + Files.readString(errors, StandardCharsets.ISO_8859_1);
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
