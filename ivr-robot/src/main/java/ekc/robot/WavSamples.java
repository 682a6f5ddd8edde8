package ekc.robot;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The 16-bit samples of a PCM WAV file, found by walking its chunks (any header length). Thread-safe. */
public final class WavSamples {

    private WavSamples() {}

    /** @throws IllegalArgumentException when the file has no data chunk */
    public static short[] of(byte[] wav) {
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
        throw new IllegalArgumentException("no data chunk");
    }
}
