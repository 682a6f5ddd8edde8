package ekc.robot;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Yana's own 8 kHz prompts as 16 kHz samples, to warm up recognizers at start. Any thread. */
final class PromptAudio {

    private PromptAudio() {}

    /** The prompts that exist among {@code names}, upsampled to 16 kHz (linear interpolation: enough for warming up). */
    static List<short[]> samples(String language, List<String> names) {
        List<short[]> out = new ArrayList<>();
        for (String name : names) {
            try (InputStream in = PromptAudio.class.getResourceAsStream("/ekc/prompts/" + language + "/" + name + ".wav")) {
                if (in != null) {
                    out.add(upsample(WavSamples.of(in.readAllBytes())));
                }
            } catch (IOException | RuntimeException e) {
                // a prompt that cannot be read only means less warm-up
            }
        }
        return out;
    }

    private static short[] upsample(short[] pcm8k) {
        short[] out = new short[pcm8k.length * 2];
        for (int i = 0; i < pcm8k.length; i++) {
            int next = i + 1 < pcm8k.length ? pcm8k[i + 1] : pcm8k[i];
            out[2 * i] = pcm8k[i];
            out[2 * i + 1] = (short) ((pcm8k[i] + next) / 2);
        }
        return out;
    }
}
