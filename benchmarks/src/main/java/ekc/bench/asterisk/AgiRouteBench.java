package ekc.bench.asterisk;

import ekc.asterisk.AsteriskAdapter;
import ekc.engine.CallIds;
import ekc.engine.EngineRing;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * FastAGI routing: client threads play Asterisk, each running {@code AGI(agi://…/route,default)}
 * sessions back to back over loopback: connect, send the environment, answer every command
 * ({@code GET VARIABLE} unset, {@code SET VARIABLE} ok, {@code CHANNEL STATUS} up) until EKC
 * closes. A session's latency is connect to close; each session opens a card (CallOffered into a
 * real {@link EngineRing}).
 *
 * <p>{@code java -cp … ekc.bench.asterisk.AgiRouteBench [threads, default 8] [seconds, default 10]}
 */
public final class AgiRouteBench {

    private AgiRouteBench() {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int agiPort = BenchSetup.freePort();
        AtomicLong offered = new AtomicLong();
        try (BenchAmiServer ami = new BenchAmiServer();
             EngineRing ring = new EngineRing(1 << 16, System::currentTimeMillis, (time, input) -> offered.incrementAndGet());
             AsteriskAdapter adapter = new AsteriskAdapter(BenchSetup.config(ami.port(), agiPort, 10), ring::publish,
                     new CallIds(System.currentTimeMillis()))) {
            adapter.start();
            BenchSetup.await(adapter::amiConnected, 20_000, "AMI login");
            run(agiPort, threads, 3, null); // warm-up
            Histogram h = new Histogram(60_000_000_000L, 3);
            long t0 = System.nanoTime();
            long sessions = run(agiPort, threads, seconds, h);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            System.out.printf("FastAGI route: %d client threads, %d s: %,d sessions = %,.0f requests/s; latency ms "
                            + "p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f; inputs into the ring since start (warm-up included) %,d%n",
                    threads, seconds, sessions, sessions / elapsed, h.getValueAtPercentile(50) / 1e6,
                    h.getValueAtPercentile(90) / 1e6, h.getValueAtPercentile(99) / 1e6,
                    h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6, offered.get());
        }
    }

    private static long run(int port, int threads, int seconds, Histogram total) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> ts = new ArrayList<>();
        List<Histogram> hs = new ArrayList<>();
        AtomicLong count = new AtomicLong();
        for (int i = 0; i < threads; i++) {
            Histogram h = new Histogram(60_000_000_000L, 3);
            hs.add(h);
            int n = i;
            Thread t = new Thread(() -> {
                long seq = 0;
                while (System.nanoTime() < end) {
                    long s = System.nanoTime();
                    try {
                        session(port, n + "." + seq++);
                    } catch (IOException e) {
                        throw new IllegalStateException("AGI session failed: " + e.getMessage(), e);
                    }
                    h.recordValue(System.nanoTime() - s);
                    count.incrementAndGet();
                }
            }, "bench-agi-" + i);
            ts.add(t);
            t.start();
        }
        for (Thread t : ts) {
            t.join();
        }
        if (total != null) {
            hs.forEach(total::add);
        }
        return count.get();
    }

    private static void session(int port, String id) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
             BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))) {
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            String env = "agi_network: yes\nagi_network_script: route\nagi_request: agi://127.0.0.1:" + port + "/route\n"
                    + "agi_channel: PJSIP/1001-" + id + "\nagi_language: ru\nagi_type: PJSIP\nagi_uniqueid: 1754400000." + id
                    + "\nagi_version: 22.5.2\nagi_callerid: 88612000000\nagi_calleridname: unknown\nagi_callingpres: 0\n"
                    + "agi_callingani2: 0\nagi_callington: 0\nagi_callingtns: 0\nagi_dnid: 88001000001\nagi_rdnis: unknown\n"
                    + "agi_context: from-pstn\nagi_extension: 88001000001\nagi_priority: 2\nagi_enhanced: 0.0\n"
                    + "agi_accountcode: \nagi_threadid: 140187336656576\nagi_arg_1: default\n\n";
            out.write(env.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                String reply = line.startsWith("GET VARIABLE") ? "200 result=0\n"
                        : line.startsWith("CHANNEL STATUS") ? "200 result=6\n" : "200 result=1\n";
                out.write(reply.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        }
    }
}
