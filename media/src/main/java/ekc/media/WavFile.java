package ekc.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads a RIFF/WAVE file into 8 kHz mono linear samples. Any header layout: chunks are walked by
 * their sizes (fmt of 16, 18 or 40 bytes, fact, LIST, odd-sized chunks with their pad byte), so a file is
 * not assumed to have the 44-byte canonical header. Formats: 8/16-bit PCM, μ-law, A-law (also inside
 * WAVE_FORMAT_EXTENSIBLE), mono or several channels (mixed down), at 8 kHz or 16 kHz (decimated by
 * {@link Resampler}). Stateless.
 */
final class WavFile {

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_ALAW = 6;
    private static final int FORMAT_ULAW = 7;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    private WavFile() {}

    /** @param source names the file in errors */
    static short[] read8k(byte[] file, String source) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < 12 || b.getInt(0) != 0x46464952 /* RIFF */ || b.getInt(8) != 0x45564157 /* WAVE */) {
            throw new IOException(source + ": not a RIFF/WAVE file");
        }
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        int pos = 12;
        while (pos + 8 <= file.length) {
            int id = b.getInt(pos);
            long size = b.getInt(pos + 4) & 0xFFFFFFFFL;
            int body = pos + 8;
            if (id == 0x20746d66 /* "fmt " */) {
                if (size < 16 || body + 16 > file.length) {
                    throw new IOException(source + ": fmt chunk too short (" + size + " bytes)");
                }
                format = b.getShort(body) & 0xFFFF;
                channels = b.getShort(body + 2) & 0xFFFF;
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14) & 0xFFFF;
                if (format == FORMAT_EXTENSIBLE) {
                    if (size < 40 || body + 26 > file.length) {
                        throw new IOException(source + ": WAVE_FORMAT_EXTENSIBLE without its sub-format");
                    }
                    format = b.getShort(body + 24) & 0xFFFF; // first two bytes of the sub-format GUID
                }
            } else if (id == 0x61746164 /* "data" */) {
                if (format < 0) {
                    throw new IOException(source + ": data chunk before fmt chunk");
                }
                // Streaming writers leave size 0 or 0xFFFFFFFF: take what is there.
                int length = (int) Math.min(size == 0 ? Integer.MAX_VALUE : size, file.length - body);
                return convert(b, body, length, format, channels, rate, bits, source);
            }
            long next = body + size + (size & 1);
            if (next > file.length) {
                break;
            }
            pos = (int) next;
        }
        throw new IOException(source + ": no data chunk");
    }

    private static short[] convert(ByteBuffer b, int offset, int length, int format, int channels, int rate,
                                   int bits, String source) throws IOException {
        if (channels < 1) {
            throw new IOException(source + ": " + channels + " channels");
        }
        if (rate != 8000 && rate != 16000) {
            throw new IOException(source + ": sample rate " + rate + " Hz; prompts must be 8000 Hz (or 16000 Hz) — "
                    + "convert with: sox in.wav -r 8000 -c 1 out.wav");
        }
        int bytesPerSample;
        if (format == FORMAT_PCM && bits == 16) {
            bytesPerSample = 2;
        } else if ((format == FORMAT_PCM && bits == 8) || ((format == FORMAT_ULAW || format == FORMAT_ALAW) && bits == 8)) {
            bytesPerSample = 1;
        } else {
            throw new IOException(source + ": unsupported WAV format " + format + " with " + bits
                    + " bits; use 16-bit PCM, 8-bit PCM, μ-law or A-law");
        }
        int frames = length / (bytesPerSample * channels);
        short[] out = new short[frames];
        int p = offset;
        for (int i = 0; i < frames; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                int s;
                if (bytesPerSample == 2) {
                    s = b.getShort(p);
                } else if (format == FORMAT_ULAW) {
                    s = G711.ulawToLinear(b.get(p));
                } else if (format == FORMAT_ALAW) {
                    s = G711.alawToLinear(b.get(p));
                } else {
                    s = ((b.get(p) & 0xFF) - 128) << 8;
                }
                sum += s;
                p += bytesPerSample;
            }
            out[i] = (short) (sum / channels);
        }
        return rate == 16000 ? Resampler.downsample16kTo8k(out) : out;
    }
}
