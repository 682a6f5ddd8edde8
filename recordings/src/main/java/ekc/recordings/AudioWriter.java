package ekc.recordings;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs its own thread ({@code ekc-journal-audio}): takes the audio frames media event loops offer
 * (through a lock-free ring, {@link AudioRing}: one copy, no allocation, never blocking them) and appends them to
 * the audio queue. It also keeps the disk from
 * filling (recording stops below the free-space reserve, with one log line and an alarm per card) and
 * removes recordings past their retention, a day's file at a time.
 */
final class AudioWriter implements AutoCloseable {

    /** A card whose recording stopped, and when. */
    record Stopped(long card, long time, String reason) {}

    private static final Logger LOG = LoggerFactory.getLogger(AudioWriter.class);
    private static final long CHECK_SPACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long RETENTION_NANOS = TimeUnit.HOURS.toNanos(1);
    /** The writer's sleep when the ring is empty: short while frames come, longer while none do (see run). */
    private static final long MIN_IDLE_PARK_NANOS = 2_000_000;
    private static final long MAX_IDLE_PARK_NANOS = 16_000_000;
    /** Frames written in one document at most (about 23 KB). */
    static final int BATCH = 128;

    private final Path dir;
    private final SingleChronicleQueue queue;
    private final Journal.Settings settings;
    private final TimeProvider clock;
    private final AudioRing pending;
    private final ConcurrentLinkedQueue<Stopped> stoppedCards = new ConcurrentLinkedQueue<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong notRecorded = new AtomicLong();
    private final AtomicLong stops = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String stopReason;
    /** Writer thread only. */
    private final Set<Long> alarmed = new HashSet<>();
    private long lastSpaceCheck;
    private long lastRetention;
    /** Writer thread only: the document being written, and its frames' cards and times (alarms if it fails). */
    private Bytes<?> batch;
    private final long[] batchCards = new long[BATCH];
    private final long[] batchTimes = new long[BATCH];
    private int batched;

    AudioWriter(Path dir, Journal.Settings settings, TimeProvider clock) {
        this.dir = dir;
        this.queue = Queues.open(dir, clock);
        this.settings = settings;
        this.clock = clock;
        this.pending = new AudioRing(settings.audioCapacity());
        this.lastSpaceCheck = System.nanoTime() - CHECK_SPACE_NANOS;
        this.lastRetention = System.nanoTime() - RETENTION_NANOS;
        this.thread = new Thread(this::run, "ekc-journal-audio");
        thread.setDaemon(true);
        thread.start();
    }

    /** Any thread (media event loops): copies the payload; counts the frame dropped when the writer is a ring behind. */
    void offer(long card, boolean fromCaller, long timeMillis, int payloadType, byte[] payload, int offset, int length) {
        if (!pending.offer(card, fromCaller, timeMillis, payloadType, payload, offset, length)) {
            dropped.incrementAndGet();
        }
    }

    long written() {
        return written.get();
    }

    long dropped() {
        return dropped.get();
    }

    /** Frames not recorded because recording was stopped (disk). */
    long notRecorded() {
        return notRecorded.get();
    }

    /** How many times recording stopped (each logged once). */
    long stops() {
        return stops.get();
    }

    boolean stopped() {
        return stopReason != null;
    }

    /** Cards whose recording stopped since the last call; for the engine thread to put alarms on. */
    Stopped pollStopped() {
        return stoppedCards.poll();
    }

    void drain() {
        long target = pending.offered();
        while (written.get() + notRecorded.get() < target && thread.isAlive()) {
            LockSupport.parkNanos(100_000);
        }
    }

    private void run() {
        try (ExcerptAppender appender = queue.createAppender()) {
            AudioRing.Reader toBatch = (card, fromCaller, time, pt, payload, offset, length) -> {
                write(batch, card, fromCaller, time, pt, payload, offset, length);
                batchCards[batched] = card;
                batchTimes[batched++] = time;
            };
            AudioRing.Reader unrecorded = (card, fromCaller, time, pt, payload, offset, length) -> notRecorded(card, time);
            long idle = MIN_IDLE_PARK_NANOS;
            while (running || !pending.isEmpty()) {
                housekeeping();
                if (pending.ready()) {
                    if (stopReason == null) {
                        writeBatch(appender, toBatch);
                    } else {
                        for (int n = 0; n < BATCH && pending.poll(unrecorded); n++) {
                            // counted, one alarm per card
                        }
                    }
                    idle = MIN_IDLE_PARK_NANOS;
                } else {
                    // Nothing to write: sleep, longer the longer nothing comes (2 ms doubling up to 16 ms). The ring
                    // holds 10 s of 1,000 calls, so nothing waits for the writer; every wake-up is a futex call and a
                    // chance to take a core from a media loop (at 0.2 ms a fourth of the writer's CPU was in futex).
                    LockSupport.parkNanos(idle);
                    idle = Math.min(MAX_IDLE_PARK_NANOS, 2 * idle);
                }
            }
        }
    }

    /**
     * Up to {@link #BATCH} waiting frames in one document: a document per frame made its header, index entry and
     * clock reads most of the writer's own work at 100,000 frames a second. Readers take the frames of a document in
     * order ({@link #read}), so what is recorded is the same.
     */
    private void writeBatch(ExcerptAppender appender, AudioRing.Reader toBatch) {
        batched = 0;
        try (DocumentContext dc = appender.writingDocument()) {
            batch = dc.wire().bytes();
            try {
                while (batched < BATCH && pending.poll(toBatch)) {
                    // each frame appended to the document
                }
            } catch (RuntimeException | Error e) {
                dc.rollbackOnClose();
                throw e;
            }
        } catch (RuntimeException | Error e) { // an unwritable disk shows up as either
            stop("cannot write audio: " + e);
            // The frame whose write failed is still in the ring and is counted when polled again.
            for (int i = 0; i < batched; i++) {
                notRecorded(batchCards[i], batchTimes[i]);
            }
            batched = 0;
        } finally {
            batch = null;
        }
        written.addAndGet(batched);
    }

    private void notRecorded(long card, long time) {
        notRecorded.incrementAndGet();
        if (alarmed.add(card)) {
            stoppedCards.offer(new Stopped(card, time, stopReason));
        }
    }

    private void housekeeping() {
        pending.prepareNextPage();
        long now = System.nanoTime();
        if (now - lastSpaceCheck >= CHECK_SPACE_NANOS) {
            lastSpaceCheck = now;
            checkSpace();
        }
        if (now - lastRetention >= RETENTION_NANOS) {
            lastRetention = now;
            removeOlderThan(clock.currentTimeMillis(), settings.retentionDays());
        }
    }

    private void checkSpace() {
        long free;
        try {
            free = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            stop("cannot tell the free space on " + dir + ": " + e.getMessage());
            return;
        }
        if (free < settings.minFreeBytes()) {
            stop(String.format("only %d MB free on the disk of %s, below journal.minFreeMb %d", free >> 20, dir,
                    settings.minFreeBytes() >> 20));
        } else if (stopReason != null) {
            LOG.warn("Recording resumed: {} MB free on the disk of {}", free >> 20, dir);
            stopReason = null;
            alarmed.clear();
        }
    }

    private void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
            stops.incrementAndGet();
            LOG.error("Recording stopped: {}. Calls go on unrecorded, card events are still journaled; "
                    + "each card affected gets an alarm.", reason);
        }
    }

    /**
     * Removes the day files of recordings older than {@code days} before {@code now}; never today's.
     * Returns how many files were removed.
     */
    int removeOlderThan(long now, int days) {
        long today = Math.floorDiv(now, 86_400_000L);
        int removed = 0;
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Long day = Queues.dayOf(p);
                if (day != null && day < today - days && day < today) {
                    Files.deleteIfExists(p);
                    removed++;
                    LOG.info("Recording retention: removed {} (older than {} days)", p.getFileName(), days);
                }
            }
        } catch (IOException e) {
            LOG.warn("Recording retention: cannot list or remove in {}: {}", dir, e.toString());
        }
        if (removed > 0) {
            queue.refreshDirectoryListing();
        }
        return removed;
    }

    static void write(Bytes<?> b, AudioFrame f) {
        write(b, f.card(), f.fromCaller(), f.timeMillis(), f.payloadType(), f.payload(), 0, f.payload().length);
    }

    static void write(Bytes<?> b, long card, boolean fromCaller, long time, int pt, byte[] payload, int offset, int length) {
        b.writeLong(card);
        b.writeLong(time);
        b.writeBoolean(fromCaller);
        b.writeUnsignedByte(pt);
        b.writeStopBit(length);
        b.write(payload, offset, length);
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
