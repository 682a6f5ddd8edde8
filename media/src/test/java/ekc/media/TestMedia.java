package ekc.media;

import ekc.config.MediaConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Test helpers: a port range of our own, WAV files, tones. */
final class TestMedia {

    private TestMedia() {}

    /**
     * A config on 127.0.0.1 with a random 400-port range above 30000: six people run tests at once, and the
     * server skips ports someone else holds, so no fixed port is needed.
     */
    static MediaConfig config(String promptsDir) {
        int min = 30000 + 2 * ThreadLocalRandom.current().nextInt(14000);
        return new MediaConfig("127.0.0.1", min, min + 399, promptsDir, 1, true, 1, 60, 0);
    }

    /** The same with an RTP timeout of its own. */
    static MediaConfig config(String promptsDir, int rtpTimeoutSeconds) {
        MediaConfig c = config(promptsDir);
        return new MediaConfig(c.host(), c.rtpPortMin(), c.rtpPortMax(), promptsDir, 1, true, 1, rtpTimeoutSeconds, 0);
    }

    static short[] tone(double frequency, double amplitude, int samples) {
        short[] s = new short[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * i / 8000.0));
        }
        return s;
    }

    /** 16-bit PCM WAV with an 18-byte fmt chunk and a LIST chunk before the data: not the 44-byte layout. */
    static byte[] wav16(short[] pcm, int rate) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer fmt = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN);
        fmt.putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16).putShort((short) 0);
        byte[] list = "INFOISFT\u0005\u0000\u0000\u0000test\u0000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        ByteBuffer data = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : pcm) {
            data.putShort(s);
        }
        int riffSize = 4 + (8 + 18) + (8 + list.length + (list.length & 1)) + (8 + data.capacity());
        ByteBuffer h = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes()).putInt(riffSize).put("WAVE".getBytes());
        out.write(h.array());
        chunk(out, "fmt ", fmt.array());
        chunk(out, "LIST", list);
        chunk(out, "data", data.array());
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String id, byte[] body) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        h.put(id.getBytes()).putInt(body.length);
        out.write(h.array());
        out.write(body);
        if ((body.length & 1) != 0) {
            out.write(0);
        }
    }

    static Path promptsDir(Path dir, String name, short[] pcm) throws IOException {
        Path ru = Files.createDirectories(dir.resolve("ru"));
        Files.write(ru.resolve(name + ".wav"), wav16(pcm, 8000));
        return dir;
    }
}
