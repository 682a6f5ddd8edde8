package ekc.bench.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * MediaLoad's far end as a separate C process ({@code benchmarks/src/main/c/rtp-floor.c}, mode {@code far}): the same
 * traffic as {@link MediaLoad.FarEnd} (2 sockets, 20 slots, {@code sendmmsg}, {@code recvmmsg}, late slots skipped)
 * without a JVM, so it takes about as much of this machine as the kernel work of a far end on another machine would.
 * Driven over its stdin/stdout; it measures what arrives from EKC itself and reports on request.
 */
final class NativeFarEnd implements AutoCloseable {

    /** What the far end measured: totals since start for sent/skipped, since the last reset for the rest. */
    record Report(long sent, long skipped, long received, long gaps, double p50, double p99, double p999, double max,
                  double cpuSeconds) {}

    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final int[] ports = new int[2];

    NativeFarEnd(String binary, int calls) throws IOException {
        process = new ProcessBuilder(binary, "far", Integer.toString(calls))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.US_ASCII);
        String line = out.readLine();
        if (line == null || !line.startsWith("PORTS ")) {
            throw new IOException(binary + " did not start as a far end: " + line);
        }
        String[] f = line.split(" ");
        ports[0] = Integer.parseInt(f[1]);
        ports[1] = Integer.parseInt(f[2]);
    }

    int port(int call) {
        return ports[call % 2];
    }

    /** EKC's RTP port of every call, in call order; the far end starts sending. */
    void start(InetSocketAddress[] ekc) {
        for (InetSocketAddress a : ekc) {
            in.println(a.getPort());
        }
    }

    void reset() {
        in.println("reset");
    }

    void stopSending() {
        in.println("stop");
    }

    Report report() throws IOException {
        in.println("report");
        String line = out.readLine();
        if (line == null || !line.startsWith("FAR ")) {
            throw new IOException("far end: no report (" + line + ")");
        }
        String[] f = line.split(" ");
        return new Report(Long.parseLong(f[2]), Long.parseLong(f[4]), Long.parseLong(f[6]), Long.parseLong(f[8]),
                Double.parseDouble(f[10]), Double.parseDouble(f[12]), Double.parseDouble(f[14]),
                Double.parseDouble(f[16]), Double.parseDouble(f[18]));
    }

    @Override
    public void close() {
        in.close();
        process.destroy();
    }
}
