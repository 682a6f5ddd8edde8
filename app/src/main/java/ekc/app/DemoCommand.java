package ekc.app;

import ekc.config.ConfigLoader;
import ekc.engine.Input;
import ekc.recordings.Card;
import ekc.recordings.CardFilter;
import ekc.recordings.Cards;
import ekc.recordings.OperatorFields;
import ekc.config.EkcConfig;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ekc demo}: start EKC, place a handful of real SIP calls into it, print their cards, and
 * keep running for a softphone.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start EKC, place a few calls into it over SIP, print their cards, keep running for a softphone.")
final class DemoCommand implements Runnable {

    /** Callers from several regions: Krasnodar, Moscow, Novosibirsk landlines, and a mobile. */
    static final List<String> CALLERS = List.of("+78612000001", "+74952000002", "+73832000003", "+79161234567",
            "+78612000005", "+74012000006");

    @Mixin
    CommonOptions options;

    @Option(names = "--calls", defaultValue = "4", description = "How many calls to place (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--exit", description = "Stop after printing the cards instead of waiting for a softphone.")
    boolean exit;

    @Mixin
    RobotLanguageOption robotLanguage;

    @Override
    public void run() {
        robotLanguage.applyTo(options);
        PrintStream out = System.out;
        EkcConfig config = withOperators(withAModel(options.load(), out));
        List<List<short[]>> scripts = config.robot().enabled() ? Utterances.scripts(config.robot().language()) : List.of();
        try (Ekc ekc = Ekc.start(config, options.journalDir(config));
             Phones phones = Phones.start(config, ekc.sipPort(), out)) {
            out.println(Banner.listening(ekc, options.journalDir(config)));
            List<DemoCaller.Result> results = placeCalls(config, ekc.sipPort(), scripts, out);
            long ok = results.stream().filter(DemoCaller.Result::ok).count();
            out.println();
            out.println(ok + " of " + results.size() + " calls answered; their cards:");
            out.println();
            finishPostProcessing(ekc, options.journalDir(config), results.size());
            CardPrinter printer = new CardPrinter(options.journalDir(config));
            printer.awaitClosed(results.size());
            printer.printNewest(results.size(), out);
            if (exit) {
                return;
            }
            out.println("EKC keeps running. Point a softphone at sip:" + config.hotline().numbers().get(0).replace("+7", "8")
                    + "@" + config.sip().host() + ":" + ekc.sipPort() + " (UDP or TCP), or run `./ekc cards` in another"
                    + " terminal. Ctrl-C stops.");
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The demo runs on the embedded config, whose Yana speaks Russian; no Russian model can be
     * shipped, so without one the demo uses the English test model the build unpacks, and says so.
     */
    private static EkcConfig withAModel(EkcConfig config, PrintStream out) {
        if (!config.robot().enabled() || java.nio.file.Files.isDirectory(Path.of(config.robot().modelDir()))) {
            return config;
        }
        Path english = Path.of(config.robot().modelDir()).resolveSibling("vosk-model-en-us");
        if (java.nio.file.Files.isDirectory(english)) {
            out.println("No " + config.robot().language() + " speech model at " + config.robot().modelDir()
                    + "; the demo runs Yana in English with " + english + " (docs/robot.md says how to add the Russian one).");
            return ConfigLoader.withOverrides(config, Map.of("robot.language", "en", "robot.modelDir", english.toString()));
        }
        out.println("No speech model at " + config.robot().modelDir() + "; the demo runs without Yana (greeting, goodbye).");
        return ConfigLoader.withOverrides(config, Map.of("robot.enabled", false));
    }

    /**
     * What the demo's operators do after a call, as they would on their screen: fill in the card
     * (R31) and finish post-processing, through the same inputs the HTTP API publishes.
     */
    private static void finishPostProcessing(Ekc ekc, Path journal, int n) {
        try (Cards cards = Cards.open(journal)) {
            for (Card card : cards.list(CardFilter.all().withLimit(n))) {
                for (String agent : card.operatorIds()) {
                    Map<String, String> fields = new java.util.LinkedHashMap<>();
                    fields.put(OperatorFields.QUESTIONS, card.transcript().stream()
                            .filter(Card.Utterance::fromCaller).map(Card.Utterance::text)
                            .findFirst().orElse("вопрос гражданина"));
                    fields.put(OperatorFields.SOURCE, "Экспертная система ЕКЦ");
                    fields.put(OperatorFields.ANSWER, "Консультация дана (демонстрация)");
                    ekc.ring.publish(new Input.OperatorNote(card.number(), agent, fields));
                    ekc.ring.publish(new Input.WrapUpFinished(agent));
                }
            }
        }
    }

    /** Operators for the demo's phones, unless the config names its own. */
    private static EkcConfig withOperators(EkcConfig config) {
        if (!config.agents().isEmpty()) {
            return config;
        }
        try (var in = DemoCommand.class.getResourceAsStream("/ekc/demo/agents.yaml")) {
            Object agents = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                    .readValue(in, List.class);
            return ConfigLoader.withOverrides(config, Map.of("agents", agents));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The demo operators' softphones: registered with the demo accounts, answering every call. */
    private static final class Phones implements AutoCloseable {
        private final List<DemoPhone> phones = new ArrayList<>();

        static Phones start(EkcConfig config, int sipPort, PrintStream out) {
            Phones p = new Phones();
            String host = config.sip().host().equals("0.0.0.0") ? "127.0.0.1" : config.sip().host();
            for (String id : List.of("25722", "31001")) {
                try {
                    DemoPhone phone = new DemoPhone(new InetSocketAddress(host, sipPort), id, "demo" + id,
                            Utterances.load("en/operator-hello"), 9_000);
                    if (phone.start()) {
                        p.phones.add(phone);
                    } else {
                        out.println("operator " + id + ": the demo phone could not register (is the demo account in sip.users?)");
                        phone.close();
                    }
                } catch (java.io.IOException e) {
                    out.println("operator " + id + ": " + e.getMessage());
                }
            }
            if (!p.phones.isEmpty()) {
                out.println(p.phones.size() + " operators' softphones registered (digest auth) and ready");
            }
            return p;
        }

        @Override
        public void close() {
            phones.forEach(DemoPhone::close);
        }
    }

    private List<DemoCaller.Result> placeCalls(EkcConfig config, int port, List<List<short[]>> scripts, PrintStream out)
            throws InterruptedException {
        String host = config.sip().host().equals("0.0.0.0") ? "127.0.0.1" : config.sip().host();
        DemoCaller caller = new DemoCaller(new InetSocketAddress(host, port), "88001000001");
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(calls, 8));
        AtomicInteger done = new AtomicInteger();
        List<Future<DemoCaller.Result>> futures = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            String from = CALLERS.get(i % CALLERS.size());
            List<short[]> script = scripts.isEmpty() ? List.of() : scripts.get(i % scripts.size());
            // a caller who is still waiting for an operator after 45 s gives up: an unanswered request (R28)
            long patience = scripts.isEmpty() ? 60_000 : 45_000;
            futures.add(pool.submit(() -> {
                DemoCaller.Result r = caller.call(from, script, patience);
                done.incrementAndGet();
                return r;
            }));
        }
        pool.shutdown();
        long start = System.currentTimeMillis();
        while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
            out.print("\rcalls: " + done.get() + "/" + calls + " done, " + (System.currentTimeMillis() - start) / 1000 + " s");
            out.flush();
        }
        out.println("\rcalls: " + done.get() + "/" + calls + " done, " + (System.currentTimeMillis() - start) / 1000 + " s");
        List<DemoCaller.Result> results = new ArrayList<>();
        for (Future<DemoCaller.Result> f : futures) {
            try {
                DemoCaller.Result r = f.get();
                results.add(r);
                out.println("  " + r.caller() + ": " + (r.ok() ? "answered, " + r.rtpPackets() + " RTP packets heard, "
                        + (r.hungUpByEkc() ? "EKC hung up" : "caller hung up") + " after " + r.millis() + " ms"
                        : "failed: status " + r.finalStatus() + (r.error() != null ? ", " + r.error() : "")));
            } catch (java.util.concurrent.ExecutionException e) {
                out.println("  call failed: " + e.getCause());
            }
        }
        return results;
    }
}
