package ekc.recordings;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * {@code ekc recording <number> out.wav}: a card's audio as a stereo 8 kHz 16-bit WAV, the caller on the
 * left, the robot or operator on the right, as long as the call really was, silence where nothing was
 * received. Runs on the caller's thread.
 */
public final class RecordingExport {

    /** What was written. */
    public record Result(Path wav, long durationMillis, int callerFrames, int ekcFrames) {}

    private static final int RATE = 8000;
    private static final int PER_MS = RATE / 1000;
    /** Frames arriving within this of where the previous one ended are played back to back (jitter). */
    private static final long JITTER_MS = 60;
    /** Frames of a call are searched this far around the card's times. */
    private static final long SLACK_MS = 60_000;

    private RecordingExport() {
    }

    /** From a running journal: waits for its queued audio to be written first. */
    public static Result write(Journal journal, long card, Path wav) {
        journal.drainAudio();
        return write(journal.dir(), card, wav);
    }

    /**
     * @param dir the journal directory, as given to {@link Journal#open}
     * @throws NoSuchElementException if there is no card with that number
     */
    public static Result write(Path dir, long card, Path wav) {
        Card c;
        try (Cards cards = Cards.open(dir)) {
            c = cards.get(card).orElseThrow(() -> new NoSuchElementException("no card " + card + " in " + dir));
        }
        List<AudioFrame> frames = frames(dir, c);
        long start = c.receivedAt();
        long end = c.endedAt() != 0 ? c.endedAt() : c.closedAt();
        for (AudioFrame f : frames) {
            start = Math.min(start, f.timeMillis());
            end = Math.max(end, f.timeMillis() + f.payload().length / PER_MS);
        }
        if (end < start) {
            end = start;
        }
        int samples = (int) ((end - start) * PER_MS);
        short[] left = new short[samples];
        short[] right = new short[samples];
        int caller = 0;
        int ekc = 0;
        long[] next = {-1, -1};
        for (AudioFrame f : frames) {
            int side = f.fromCaller() ? 0 : 1;
            short[] track = f.fromCaller() ? left : right;
            long at = (f.timeMillis() - start) * PER_MS;
            if (next[side] >= 0 && Math.abs(at - next[side]) <= JITTER_MS * PER_MS) {
                at = next[side];
            }
            byte[] p = f.payload();
            for (int i = 0; i < p.length && at + i < samples; i++) {
                track[(int) (at + i)] = G711.decode(f.payloadType(), p[i]);
            }
            next[side] = at + p.length;
            if (f.fromCaller()) {
                caller++;
            } else {
                ekc++;
            }
        }
        writeWav(wav, left, right);
        return new Result(wav, end - start, caller, ekc);
    }

    private static List<AudioFrame> frames(Path dir, Card c) {
        List<AudioFrame> out = new ArrayList<>();
        Path audio = dir.resolve(Queues.AUDIO);
        if (!Files.isDirectory(audio)) {
            return out;
        }
        long from = c.receivedAt() - SLACK_MS;
        long until = (c.closed() ? c.closedAt() : Long.MAX_VALUE - SLACK_MS) + SLACK_MS;
        try (SingleChronicleQueue q = Queues.openReadOnly(audio)) {
            ExcerptTailer t = q.createTailer();
            // Frames are appended in time order, one file a day: start at the card's day.
            int day = (int) Math.max(0, from / 86_400_000L);
            if (day > q.firstCycle() && day <= q.lastCycle()) {
                t.moveToIndex(RollCycles.FAST_DAILY.toIndex(day, 0));
            }
            reading:
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    // A document holds the frames the writer found waiting (up to AudioWriter.BATCH; one until 2026-12-02).
                    Bytes<?> b = dc.wire().bytes();
                    while (b.readRemaining() > 0) {
                        AudioFrame f = AudioWriter.read(b);
                        if (f.timeMillis() > until) {
                            break reading;
                        }
                        if (f.card() == c.number() && f.timeMillis() >= from) {
                            out.add(f);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void writeWav(Path wav, short[] left, short[] right) {
        int data = left.length * 4;
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + data)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 2).putInt(RATE).putInt(RATE * 4).putShort((short) 4)
                .putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(data);
        ByteBuffer body = ByteBuffer.allocate(data).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < left.length; i++) {
            body.putShort(left[i]).putShort(right[i]);
        }
        try {
            Path parent = wav.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream out = Files.newOutputStream(wav)) {
                out.write(h.array());
                out.write(body.array());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + wav, e);
        }
    }
}
