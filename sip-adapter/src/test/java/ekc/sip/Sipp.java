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

/**
 * Runs the real SIPp (from Debian's sip-tester) with a scenario from the test resources
 * ({@code /sipp/NAME.xml}); test thread. A client run places calls to EKC; a server run
 * ({@link #serve}) plays an operator's phone or the trunk's gateway on its own free port.
 */
final class Sipp {

    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    /** A SIPp process running in the background. */
    static final class Running {
        final Process process;
        final int port;
        final Path out;
        final Path errors;

        Running(Process process, int port, Path out, Path errors) {
            this.process = process;
            this.port = port;
            this.out = out;
            this.errors = errors;
        }

        Result await() {
            try {
                if (!process.waitFor(40, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return new Result(-1, "sipp did not finish\n" + read(out) + read(errors));
                }
                return new Result(process.exitValue(), read(out) + "\n--- errors ---\n" + read(errors));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        void stop() {
            process.destroyForcibly();
        }
    }

    private Sipp() {}

    /** Places {@code calls} calls to EKC and waits for SIPp to finish. */
    static Result run(Path workDir, String scenario, int sipPort, String transport, String service, int calls,
                      String... extra) {
        return start(workDir, scenario, "127.0.0.1:" + sipPort, transport, service, calls, extra).await();
    }

    /** A client run in the background. */
    static Running start(Path workDir, String scenario, String remote, String transport, String service, int calls,
                         String... extra) {
        List<String> args = new ArrayList<>(List.of(remote, "-s", service, "-m", Integer.toString(calls),
                "-r", "10", "-l", "5", "-d", "1000"));
        args.addAll(List.of(extra));
        return launch(workDir, scenario, transport, args);
    }

    /** A server run (operator's phone, gateway) handling {@code calls} calls, on its own free port. */
    static Running serve(Path workDir, String scenario, String transport, int calls, String... extra) {
        List<String> args = new ArrayList<>(List.of("-m", Integer.toString(calls)));
        args.addAll(List.of(extra));
        return launch(workDir, scenario, transport, args);
    }

    private static Running launch(Path workDir, String scenario, String transport, List<String> args) {
        try {
            Path xml = workDir.resolve(scenario + ".xml");
            try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + scenario + ".xml")) {
                Files.copy(in, xml, StandardCopyOption.REPLACE_EXISTING);
            }
            int port = freePort();
            String tag = scenario + "-" + port;
            Path out = workDir.resolve(tag + ".out");
            Path errors = workDir.resolve(tag + "-errors.log");
            List<String> cmd = new ArrayList<>(List.of("sipp", "-sf", xml.toString(), "-i", "127.0.0.1",
                    "-p", Integer.toString(port), "-mp", Integer.toString(freeMediaPorts(port)),
                    "-t", "tcp".equals(transport) ? "t1" : "u1", "-key", "caller", "88612000000",
                    "-nostdin", "-timeout", "25s", "-timeout_error", "-recv_timeout", "10000",
                    "-trace_err", "-error_file", errors.toString()));
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            return new Running(p, port, out, errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ")";
        }
    }

    /**
     * SIPp binds its media port and the three above it (RTCP, video, video RTCP): all four must be free, and none
     * may be {@code sipPort}, SIPp's own SIP port (free now, but SIPp binds it first: a clash fails its start).
     */
    static int freeMediaPorts(int sipPort) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = freePort();
            if (base > 65_530 || (sipPort >= base && sipPort <= base + 3)) {
                continue;
            }
            List<DatagramSocket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    held.add(new DatagramSocket(base + i));
                }
                return base;
            } catch (IOException busy) {
                // one of the four is taken: try another base
            } finally {
                held.forEach(DatagramSocket::close);
            }
        }
        throw new IllegalStateException("no four free UDP ports in a row");
    }

    static int freePort() {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
