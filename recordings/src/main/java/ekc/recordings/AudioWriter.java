package ekc.recordings;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs its own thread ({@code ekc-journal-audio}): takes audio frames that media event loops offer
 * (lock-free, never blocking them) and appends them to the audio queue.
 */
final class AudioWriter implements AutoCloseable {

    /** How many frames may wait (about 10 s of 1,000 calls), and the free disk space below which recording stops. */
    record Settings(int capacity, long minFreeBytes) {
        static final Settings DEFAULT = new Settings(1 << 20, 64L << 20);
    }

    private static final Logger LOG = LoggerFactory.getLogger(AudioWriter.class);

    private final net.openhft.chronicle.queue.impl.single.SingleChronicleQueue queue;
    private final Settings settings;
    private final ConcurrentLinkedQueue<AudioFrame> pending = new ConcurrentLinkedQueue<>();
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    AudioWriter(Path dir, Settings settings) {
        this.queue = Queues.open(dir);
        this.settings = settings;
        this.thread = new Thread(this::run, "ekc-journal-audio");
        thread.setDaemon(true);
        thread.start();
    }

    void offer(AudioFrame f) {
        if (waiting.incrementAndGet() > settings.capacity()) {
            waiting.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        offered.incrementAndGet();
        pending.offer(f);
    }

    long written() {
        return written.get();
    }

    long dropped() {
        return dropped.get();
    }

    boolean stopped() {
        return false;
    }

    void drain() {
        long target = offered.get();
        while (written.get() + dropped.get() < target && running) {
            LockSupport.parkNanos(100_000);
        }
    }

    private void run() {
        try (ExcerptAppender appender = queue.createAppender()) {
            while (running || !pending.isEmpty()) {
                AudioFrame f = pending.poll();
                if (f == null) {
                    LockSupport.parkNanos(200_000);
                    continue;
                }
                waiting.decrementAndGet();
                try (DocumentContext dc = appender.writingDocument()) {
                    write(dc.wire().bytes(), f);
                }
                written.incrementAndGet();
            }
        } catch (RuntimeException e) {
            LOG.error("audio recording stopped: {}", e.toString());
        }
    }

    static void write(Bytes<?> b, AudioFrame f) {
        b.writeLong(f.card());
        b.writeLong(f.timeMillis());
        b.writeBoolean(f.fromCaller());
        b.writeUnsignedByte(f.payloadType());
        b.writeStopBit(f.payload().length);
        b.write(f.payload());
    }

    static AudioFrame read(Bytes<?> b) {
        long card = b.readLong();
        long time = b.readLong();
        boolean fromCaller = b.readBoolean();
        int pt = b.readUnsignedByte();
        byte[] payload = new byte[(int) b.readStopBit()];
        b.read(payload);
        return new AudioFrame(card, fromCaller, time, pt, payload);
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.close();
    }
}
