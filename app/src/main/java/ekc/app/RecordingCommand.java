package ekc.app;

import ekc.config.EkcConfig;
import ekc.recordings.RecordingExport;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ekc recording <number> out.wav}: a card's audio as a stereo WAV. */
@Command(name = "recording", mixinStandardHelpOptions = true,
        description = "Write a card's audio as a stereo WAV: caller left, robot or operator right, true duration.")
final class RecordingCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Parameters(index = "0", paramLabel = "NUMBER", description = "The card (request) number.")
    long number;

    @Parameters(index = "1", paramLabel = "OUT.wav", description = "Where to write the WAV.")
    Path out;

    @Override
    public Integer call() {
        EkcConfig config = options.load();
        try {
            RecordingExport.Result r = RecordingExport.write(options.journalDir(config), number, out);
            System.out.printf("%s: %.1f s, %d caller frames, %d EKC frames%n", r.wav(), r.durationMillis() / 1000.0,
                    r.callerFrames(), r.ekcFrames());
            return 0;
        } catch (NoSuchElementException e) {
            System.err.println("ekc: " + e.getMessage());
            return 1;
        }
    }
}
