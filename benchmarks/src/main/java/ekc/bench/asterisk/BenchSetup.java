package ekc.bench.asterisk;

import ekc.config.AsteriskConfig;
import ekc.config.AsteriskRoute;
import ekc.config.EkcConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The configuration both Asterisk benchmarks run with: {@code agents} operators PJSIP/3000…, one route. */
final class BenchSetup {

    private BenchSetup() {}

    static EkcConfig config(int amiPort, int agiPort, int agents) throws IOException {
        Path secret = Files.createTempFile("ekc-bench-ami", ".secret");
        secret.toFile().deleteOnExit();
        Files.writeString(secret, "bench\n");
        Map<String, String> devices = new LinkedHashMap<>();
        for (int i = 0; i < agents; i++) {
            devices.put(Integer.toString(30_000 + i), "PJSIP/" + (3000 + i));
        }
        AsteriskConfig a = new AsteriskConfig(true, "127.0.0.1", amiPort, "ekc", secret.toString(), null, 100, 1000,
                "127.0.0.1", agiPort, null, null, null, devices,
                Map.of("default", new AsteriskRoute("support", null, "ekc/welcome")));
        return new EkcConfig(null, null, null, null, null, null, null, null, null, a);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void await(java.util.function.BooleanSupplier condition, long timeoutMillis, String what) {
        long end = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
        }
    }
}
