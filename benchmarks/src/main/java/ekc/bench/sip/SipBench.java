package ekc.bench.sip;

import ekc.config.EkcConfig;
import ekc.config.RobotConfig;
import ekc.config.SipConfig;
import ekc.config.SipLimits;
import ekc.engine.CallIds;
import ekc.engine.CardEvent;
import ekc.engine.Command;
import ekc.engine.Engine;
import ekc.engine.EngineRing;
import ekc.engine.Outputs;
import ekc.sip.MediaPorts;
import ekc.sip.SipAdapter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answered calls per second of the SIP adapter with the real engine behind it: SIPp's built-in
 * {@code uac} scenario (INVITE, 200, ACK, BYE right after answer) at rising rates, each step on a
 * fresh adapter. A step is clean when SIPp reports zero failed calls and zero retransmissions and
 * every dialog ended on EKC's side. Media is a counting stand-in (no RTP): this measures signalling.
 *
 * <p>Usage: {@code SipBench [seconds per step] [rate ...]}, e.g. {@code SipBench 10 300 600 900 1300 1600}.
 * Main thread drives SIPp; the adapter and engine run on their own threads.
 */
public final class SipBench {

    /** Stand-in for the media module: hands out port numbers, opens nothing. Thread-safe. */
    static final class CountingMedia implements MediaPorts {
        final AtomicInteger allocated = new AtomicInteger();
        final AtomicInteger released = new AtomicInteger();

        @Override
        public int allocate(long legId, long callId, boolean callerLeg) {
            allocated.incrementAndGet();
            return 20_000 + (int) Math.floorMod(legId, 10_000L) * 2;
        }

        @Override
        public void connect(long legId, String remoteHost, int remotePort, int payloadType, int telephoneEventPt) {}

        @Override
        public void release(long legId) {
            released.incrementAndGet();
        }

        @Override
        public String host() {
            return "127.0.0.1";
        }
    }

    record Step(int rate, long successful, long failed, long retransmissions, int stillOpen, double seconds) {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int[] rates = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {300, 600, 900, 1300, 1600};
        Path dir = Files.createTempDirectory("ekc-sipbench");
        List<Step> steps = new ArrayList<>();
        for (int rate : rates) {
            Step s = step(dir, rate, seconds);
            steps.add(s);
            System.out.printf("rate %5d/s: %6d ok, %d failed, %d retransmissions, %d dialogs left open, %.1f s -> %s%n",
                    s.rate, s.successful, s.failed, s.retransmissions, s.stillOpen, s.seconds,
                    clean(s) ? "CLEAN" : "NOT CLEAN");
        }
        int best = steps.stream().filter(SipBench::clean).mapToInt(Step::rate).max().orElse(0);
        System.out.println("highest clean rate: " + best + " answered calls/s");
    }

    static boolean clean(Step s) {
        return s.failed == 0 && s.retransmissions == 0 && s.stillOpen == 0 && s.successful > 0;
    }

    static Step step(Path dir, int rate, int seconds) throws Exception {
        SipConfig sip = new SipConfig("127.0.0.1", 0, null, null, null, null, null,
                new SipLimits(null, null, null, null, List.of("127.0.0.1"), 100_000), null, null, null, null, null, null);
        EkcConfig config = new EkcConfig(null, sip, null, null, new RobotConfig("ru", null, false));
        CountingMedia media = new CountingMedia();
        SipAdapter[] adapter = new SipAdapter[1];
        Engine engine = new Engine(new Outputs() {
            @Override
            public void command(Command command) {
                if (!(command instanceof Command.PlayPrompt)) {
                    adapter[0].execute(command);
                }
            }

            @Override
            public void fact(CardEvent event) {
                // the journal is benchmarked on its own
            }
        }, config);
        try (EngineRing ring = new EngineRing(1 << 16, System::currentTimeMillis, engine);
             SipAdapter sipAdapter = new SipAdapter(config, ring::publish, media, new CallIds(System.currentTimeMillis()))) {
            adapter[0] = sipAdapter;
            sipAdapter.start();
            Path stats = dir.resolve("uac-" + rate + ".csv");
            Files.deleteIfExists(stats);
            long calls = (long) rate * seconds;
            List<String> cmd = List.of("sipp", "-sn", "uac", "127.0.0.1:" + sipAdapter.port(), "-i", "127.0.0.1",
                    "-p", "0", "-s", "88001000001", "-r", Integer.toString(rate), "-m", Long.toString(calls),
                    "-l", Integer.toString(rate * 4), "-d", "0", "-nostdin", "-timeout", (seconds * 3 + 30) + "s",
                    "-max_socket", "10000", "-trace_stat", "-stf", stats.toString(), "-fd", "1",
                    // SIPp's own 64 KiB socket buffer drops EKC's answers in bursts: SIPp's retransmissions, not ours
                    "-buff_size", Integer.toString(4 << 20));
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("uac-" + rate + ".out").toFile()).start();
            if (!p.waitFor(seconds * 3L + 60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            double took = (System.nanoTime() - t0) / 1e9;
            long deadline = System.currentTimeMillis() + 5_000;
            while (sipAdapter.activeCalls() > 0 && System.currentTimeMillis() < deadline) {
                Thread.onSpinWait(); // the last BYEs may still be on the lanes
            }
            long[] c = counters(stats);
            return new Step(rate, c[0], c[1], c[2], sipAdapter.activeCalls(), took);
        }
    }

    /** SuccessfulCall(C), FailedCall(C) and Retransmissions(C) from the last line of SIPp's stat file. */
    static long[] counters(Path csv) throws Exception {
        if (!Files.exists(csv)) {
            return new long[] {0, -1, -1};
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.ISO_8859_1);
        List<String> header = Arrays.asList(lines.get(0).split(";"));
        String[] last = lines.get(lines.size() - 1).split(";");
        return new long[] {
            Long.parseLong(last[header.indexOf("SuccessfulCall(C)")]),
            Long.parseLong(last[header.indexOf("FailedCall(C)")]),
            Long.parseLong(last[header.indexOf("Retransmissions(C)")])};
    }
}
