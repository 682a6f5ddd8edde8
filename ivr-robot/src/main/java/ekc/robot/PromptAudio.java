package ekc.robot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
                    out.add(upsample(pcm(in.readAllBytes())));
                }
            } catch (IOException | RuntimeException e) {
                // a prompt that cannot be read only means less warm-up
            }
        }
        return out;
    }

    private static short[] pcm(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        while (pos + 8 <= wav.length) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            if (id == 0x61746164) { // "data"
                short[] out = new short[Math.min(size, wav.length - pos - 8) / 2];
                b.position(pos + 8);
                b.asShortBuffer().get(out);
                return out;
            }
            pos += 8 + size + (size & 1);
        }
        return new short[0];
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
