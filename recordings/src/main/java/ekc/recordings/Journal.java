package ekc.recordings;

import ekc.config.JournalConfig;
import ekc.engine.CardEvent;
import ekc.engine.Input;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The journal: one Chronicle Queue of card events (sub-directory {@code cards}) and one of audio frames
 * (sub-directory {@code audio}), both rolled daily, so old recordings can be removed whole days at a
 * time while cards stay. {@link #append} and {@link #flush} run on the engine thread (the single writer
 * of card events); {@link #audio} is called from media event loops and never blocks them.
 */
public final class Journal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final Path dir;
    private final SingleChronicleQueue cards;
    private final ExcerptAppender appender;
    private final EventCodec codec = EventCodec.get();
    private final AudioWriter audio;
    private final Settings settings;
    private long appended;

    /**
     * How many audio frames may wait for the writer (a power of two: 2^20, about 10 s of 1,000 calls; the ring's
     * slot memory, ~190 MB at most, is taken a page at a time as it first fills); the free space below which
     * recording stops; how many days recordings are kept.
     */
    record Settings(int audioCapacity, long minFreeBytes, int retentionDays) {
        static Settings of(JournalConfig c) {
            return new Settings(1 << 20, (long) c.minFreeMb() << 20, c.recordingRetentionDays());
        }
    }

    private Journal(Path dir, Settings settings, TimeProvider clock) {
        this.dir = dir;
        this.settings = settings;
        this.cards = Queues.open(dir.resolve(Queues.CARDS), clock);
        this.appender = cards.createAppender();
        // One writer by contract (the engine thread), though start-up code may append before it runs.
        appender.singleThreadedCheckDisabled(true);
        this.audio = new AudioWriter(dir.resolve(Queues.AUDIO), settings, clock);
    }

    /** Opens (creating if needed) the journal in {@code dir}, e.g. {@code data/journal}, with default settings. */
    public static Journal open(Path dir) {
        return open(dir, new JournalConfig(null, null, null));
    }

    /** Opens the journal in {@code dir} (the data directory resolved with {@code config.dir()}). */
    public static Journal open(Path dir, JournalConfig config) {
        return open(dir, Settings.of(config), SystemTimeProvider.INSTANCE);
    }

    static Journal open(Path dir, Settings settings, TimeProvider clock) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the journal directory " + dir, e);
        }
        return new Journal(dir, settings, clock);
    }

    public Path dir() {
        return dir;
    }

    /**
     * Appends one card event. Once this returns the event is in the memory-mapped queue file, so it
     * survives the process being killed (not a power cut: see {@link #flush}).
     */
    public void append(CardEvent e) {
        try (DocumentContext dc = appender.writingDocument()) {
            codec.write(dc.wire().bytes(), e);
        }
        appended++;
    }

    /**
     * End of an engine batch: everything appended so far is acknowledged. Appends are already in the page
     * cache (nothing is held back in the JVM); here the alarms of cards whose recording stopped are added.
     */
    public void flush() {
        AudioWriter.Stopped s;
        while ((s = audio.pollStopped()) != null) {
            append(new CardEvent.Alarm(s.card(), s.time(), "Запись разговора остановлена: " + s.reason()));
        }
    }

    /** Card events appended through this journal since it was opened. */
    public long appended() {
        return appended;
    }

    /**
     * Queues one RTP payload of a call for recording. Called from media event loops: never blocks; if the
     * recorder falls far behind, the frame is counted in {@link #audioDropped()} and dropped.
     *
     * @param fromCaller true for what the caller sent, false for what EKC (robot or operator) sent
     * @param payloadType the RTP payload type: 0 PCMU, 8 PCMA
     */
    public void audio(long card, boolean fromCaller, long timeMillis, byte[] payload, int payloadType) {
        audio.offer(card, fromCaller, timeMillis, payloadType, payload, 0, payload.length);
    }

    /** As {@link #audio(long, boolean, long, byte[], int)}, for {@code length} bytes of {@code payload} from {@code offset}. */
    public void audio(long card, boolean fromCaller, long timeMillis, byte[] payload, int offset, int length, int payloadType) {
        audio.offer(card, fromCaller, timeMillis, payloadType, payload, offset, length);
    }

    public long audioDropped() {
        return audio.dropped();
    }

    /** Frames written to the audio queue so far. */
    public long audioWritten() {
        return audio.written();
    }

    /** Blocks until every audio frame offered so far is written (for tests, export and shutdown). */
    public void drainAudio() {
        audio.drain();
    }

    /** True while recording is stopped for lack of disk space (one log line, alarms on the cards). */
    public boolean recordingStopped() {
        return audio.stopped();
    }

    long recordingStops() {
        return audio.stops();
    }

    /** Frames not recorded because recording was stopped. */
    public long audioNotRecorded() {
        return audio.notRecorded();
    }

    /**
     * Removes recordings (audio day files) older than the configured retention before {@code nowMillis};
     * cards stay. The audio thread does this every hour by itself; returns the files removed.
     */
    public int removeOldRecordings(long nowMillis) {
        return audio.removeOlderThan(nowMillis, settings.retentionDays());
    }

    /**
     * What EKC left open when it last stopped (crash, kill -9), and how to take it up again. Call once at
     * start, before the engine runs: append {@link Restart#closing()}, then publish
     * {@link Restart#deferred()} into the engine's ring, in order, before any adapter starts.
     *
     * @param closing for each call that was in progress: {@code CallEnded} (if it had not ended) and
     *                {@code CardClosed} as interrupted with the reason; a card with a call-back still to
     *                make gets only the {@code CallEnded}, for its deferred request goes on
     * @param deferred the deferred requests (R20, R24, R25, R27) waiting for their call-back, in their
     *                 original order in line
     * @param unanswered the unanswered requests (R28) no operator has called back yet, for the lines'
     *                   call-back lists (R29), oldest first; at most {@link #UNANSWERED_RESTORED} of the newest
     */
    public record Restart(List<CardEvent> closing, List<Input.DeferredRestored> deferred,
                          List<Input.UnansweredRestored> unanswered) {}

    /** The most unanswered requests a restart puts back on the lists (the engine keeps as many per line). */
    public static final int UNANSWERED_RESTORED = 100_000;

    /** Reads the card queue once for the cards left open; see {@link Restart}. */
    public Restart restart(long now) {
        try (Cards all = Cards.open(dir)) {
            return restart(all, now);
        }
    }

    /** As {@link #restart(long)}, looking into {@code all}, the cards of this journal already read (and left open). */
    public Restart restart(Cards all, long now) {
        List<CardEvent> closing = new ArrayList<>();
        List<DeferredRequest> deferred = new ArrayList<>();
        for (Card c : all.list(CardFilter.all().withStatus(Card.IN_PROGRESS))) {
            DeferredRequest d = new DeferredRequest(c.number());
            all.forEachEvent(c.number(), (e, index) -> d.apply(index, e));
            if (!d.callEnded()) {
                closing.add(new CardEvent.CallEnded(c.number(), now, "interrupted"));
            }
            if (d.waiting()) {
                deferred.add(d);
            } else {
                closing.add(new CardEvent.CardClosed(c.number(), now, Card.INTERRUPTED,
                        "EKC stopped while the call was in progress", Math.max(0, now - c.receivedAt())));
            }
        }
        deferred.sort(Comparator.comparingLong(DeferredRequest::place));
        List<Input.UnansweredRestored> unanswered = new ArrayList<>();
        for (Card c : all.list(CardFilter.all().withStatus("unanswered").withLimit(UNANSWERED_RESTORED))) {
            if (c.awaitsCallBack()) {
                unanswered.add(new Input.UnansweredRestored(c.number(), c.caller(),
                        Card.UNKNOWN_REGION.equals(c.region()) ? null : c.region(), c.unansweredSkill(), c.closedAt(),
                        c.statusReason()));
            }
        }
        java.util.Collections.reverse(unanswered); // the list is newest first; the lines' lists are oldest first
        return new Restart(closing, deferred.stream().map(DeferredRequest::input).toList(), unanswered);
    }

    @Override
    public void close() {
        audio.close();
        cards.close();
        LOG.debug("journal {} closed after {} card events", dir, appended);
    }
}
