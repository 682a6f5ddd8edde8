package ekc.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** What the demo's callers say: recorded utterances (8 kHz WAV) shipped in the app, by language. */
final class Utterances {

    private Utterances() {}

    /** One script a caller: a question that Yana answers, a call for an operator, a personal question. */
    static List<List<short[]>> scripts(String language) {
        if (!language.equals("en")) {
            return List.of(); // recorded Russian callers are not shipped; the callers stay silent
        }
        return List.of(
                List.of(load("en/pension-amount")),   // personal: region from the number → second line (R3)
                List.of(load("en/operator")),         // an operator, please → first line (R4)
                List.of(load("en/retirement-age"), load("en/no")),   // Yana answers (R2)
                List.of(load("en/maternity-capital"), load("en/no")));
    }

    /** 16-bit mono 8 kHz samples of {@code /ekc/demo/<name>.wav}. */
    static short[] load(String name) {
        String resource = "/ekc/demo/" + name + ".wav";
        try (InputStream in = Utterances.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            AudioInputStream audio = AudioSystem.getAudioInputStream(new java.io.BufferedInputStream(in));
            AudioFormat f = audio.getFormat();
            if (f.getSampleRate() != 8000 || f.getChannels() != 1 || f.getSampleSizeInBits() != 16) {
                throw new IllegalStateException(resource + " is " + f + ", not 8 kHz 16-bit mono");
            }
            byte[] b = audio.readAllBytes();
            short[] pcm = new short[b.length / 2];
            for (int i = 0; i < pcm.length; i++) {
                int lo = b[2 * i] & 0xFF;
                int hi = b[2 * i + 1];
                pcm[i] = (short) (f.isBigEndian() ? (lo << 8) | (hi & 0xFF) : (hi << 8) | lo);
            }
            return pcm;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalStateException(resource + ": " + e.getMessage(), e);
        }
    }

    static List<short[]> all(List<List<short[]>> scripts) {
        List<short[]> all = new ArrayList<>();
        scripts.forEach(all::addAll);
        return all;
    }
}
