package ekc.app;

import ekc.config.EkcConfig;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ekc run}: serve the hotline until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Start EKC: SIP on UDP and TCP, the engine, media, journal.")
final class RunCommand implements Runnable {

    @Mixin
    CommonOptions options;

    @Mixin
    RobotLanguageOption robotLanguage;

    @Override
    public void run() {
        robotLanguage.applyTo(options);
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
