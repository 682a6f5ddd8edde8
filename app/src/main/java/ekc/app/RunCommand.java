package ekc.app;

import ekc.config.EkcConfig;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ekc run}: serve the hotline until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Start EKC: SIP on UDP and TCP, the engine, media, journal.")
final class RunCommand implements Runnable {

    @Mixin
    CommonOptions options;

    @Option(names = "--robot-language", paramLabel = "LANG", description = "Yana's language: ru (default) or en.")
    String robotLanguage;

    @Override
    public void run() {
        if (robotLanguage != null) {
            options.set.put("robot.language", robotLanguage);
        }
        EkcConfig config = options.load();
        CountDownLatch stopped = new CountDownLatch(1);
        Ekc ekc = Ekc.start(config, options.journalDir(config));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ekc.close();
            stopped.countDown();
        }, "ekc-shutdown"));
        System.out.println(Banner.listening(ekc, options.journalDir(config)));
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
