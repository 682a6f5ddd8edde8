package ekc.bench.asterisk;

import ekc.asterisk.AsteriskAdapter;
import ekc.engine.CallIds;
import ekc.engine.EngineRing;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * AMI events into the engine: a manager server on loopback writes DeviceStateChange events for
 * 100 Asterisk operators, each one a change (so each becomes an AgentRegistered or
 * AgentUnregistered); asterisk-java parses them, the adapter translates them and publishes into a
 * real {@link EngineRing}, whose handler counts. Reports events/s from the first byte written to
 * the last Input handled, per round.
 *
 * <p>{@code java -cp … ekc.bench.asterisk.AmiEventsBench [events per round, default 200000] [rounds, default 5]}
 */
public final class AmiEventsBench {

    private AmiEventsBench() {}

    public static void main(String[] args) throws Exception {
        int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int agents = 100;
        AtomicLong handled = new AtomicLong();
        try (BenchAmiServer ami = new BenchAmiServer();
             EngineRing ring = new EngineRing(1 << 16, System::currentTimeMillis, (time, input) -> handled.incrementAndGet());
             AsteriskAdapter adapter = new AsteriskAdapter(BenchSetup.config(ami.port(), BenchSetup.freePort(), agents),
                     ring::publish, new CallIds(System.currentTimeMillis()))) {
            adapter.start();
            BenchSetup.await(adapter::amiConnected, 20_000, "AMI login");
            long base = handled.get();
            boolean up = false;
            System.out.printf("AMI events into the engine: %d operators, %,d events per round%n", agents, perRound);
            for (int r = 0; r < rounds + 1; r++) {
                StringBuilder sb = new StringBuilder(perRound * 90);
                for (int i = 0; i < perRound; i++) {
                    if (i % agents == 0) {
                        up = !up;
                    }
                    sb.append("Event: DeviceStateChange\r\nPrivilege: call,all\r\nDevice: PJSIP/").append(3000 + i % agents)
                            .append("\r\nState: ").append(up ? "NOT_INUSE" : "UNAVAILABLE").append("\r\n\r\n");
                }
                if (perRound % (2 * agents) != 0) {
                    throw new IllegalArgumentException("events per round must be a multiple of " + 2 * agents);
                }
                byte[] bytes = sb.toString().getBytes(StandardCharsets.US_ASCII);
                long target = base + perRound;
                long t0 = System.nanoTime();
                ami.send(bytes);
                BenchSetup.await(() -> handled.get() >= target, 120_000, "events handled");
                long nanos = System.nanoTime() - t0;
                base = target;
                System.out.printf("%s %d: %,d events in %d ms = %,.0f events/s%n", r == 0 ? "warm-up" : "round", r,
                        perRound, nanos / 1_000_000, perRound * 1e9 / nanos);
            }
        }
    }
}
