package ekc.robot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Caller speech for tests: espeak-ng says the text, sox makes it 16 kHz mono 16-bit. */
final class Speech {

    private Speech() {}

    static short[] say(String language, String text) {
        try {
            Path dir = Path.of("target", "speech");
            Files.createDirectories(dir);
            String name = language + "-" + Integer.toHexString(text.hashCode());
            Path wav = dir.resolve(name + ".wav");
            if (!Files.exists(wav)) {
                Path raw = dir.resolve(name + ".espeak.wav");
                run(List.of("espeak-ng", "-v", language.equals("ru") ? "ru" : "en-us", "-w", raw.toString(), text));
                run(List.of("sox", raw.toString(), "-r", "16000", "-b", "16", "-c", "1", "-e", "signed-integer", wav.toString()));
            }
            return WavSamples.of(Files.readAllBytes(wav));
        } catch (IOException e) {
            throw new IllegalStateException("cannot make speech for '" + text + "'", e);
        }
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(command + " failed: " + new String(p.getInputStream().readAllBytes()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
