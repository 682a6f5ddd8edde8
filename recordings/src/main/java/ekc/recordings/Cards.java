package ekc.recordings;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import ekc.engine.CardEvent;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The read side of the journal: cards as folds of their events. Reads the card queue once from the start,
 * keeping per card where its events are and an index by number, caller, time received, operator, status
 * and topic; then follows new events on each call. Folded cards are cached (Caffeine). Any thread: calls
 * are serialised, the queue tailer being single-threaded.
 */
public final class Cards implements AutoCloseable {

    /** What the index needs of a card, kept for every card; the card itself is folded on demand. */
    private static final class Summary {
        final long number;
        long[] excerpts = new long[12];
        int count;
        String caller;
        long receivedAt;
        String status = Card.IN_PROGRESS;
        /** Null until needed: most cards have one operator (id and name) or none, and a topic or two. */
        String[] operators;
        String[] topics;

        Summary(long number) {
            this.number = number;
        }

        void add(long index) {
            if (count == excerpts.length) {
                excerpts = Arrays.copyOf(excerpts, count * 2);
            }
            excerpts[count++] = index;
        }
    }

    /** Adds {@code v} to a small set kept as an array; the array, grown if {@code v} was new, else null. */
    private static String[] added(String[] set, String v) {
        if (set == null) {
            return new String[] {v};
        }
        for (String x : set) {
            if (x.equals(v)) {
                return null;
            }
        }
        String[] grown = Arrays.copyOf(set, set.length + 1);
        grown[set.length] = v;
        return grown;
    }

    private static boolean has(String[] set, String v) {
        if (set != null) {
            for (String x : set) {
                if (x.equals(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final ExcerptTailer reader;
    private final EventCodec codec = EventCodec.get();
    private final CardsByNumber<Summary> byNumber = new CardsByNumber<>();
    private final TimeIndex byReceived = new TimeIndex();
    private final CardIndex byCaller = new CardIndex();
    private final CardIndex byOperator = new CardIndex();
    private final CardIndex byTopic = new CardIndex();
    /** The cards still in progress: few, and what a restart looks for. Other statuses are matched on the card. */
    private final Set<Long> open = new HashSet<>();
    private final EventCodec.Shape opened = codec.shape("CardOpened");
    private final EventCodec.Shape connected = codec.shape("OperatorConnected");
    private final EventCodec.Shape robotEnded = codec.shape("RobotDialogEnded");
    private final EventCodec.Shape note = codec.shape("OperatorNote");
    private final EventCodec.Shape closed = codec.shape("CardClosed");
    private final Cache<Long, Card> cache = Caffeine.newBuilder().maximumSize(10_000).build();
    /** Cards folded since the cache was last known empty: while 0, new events need no invalidation. */
    private long cached;
    private long events;

    private Cards(SingleChronicleQueue queue) {
        this.queue = queue;
        this.tailer = queue == null ? null : queue.createTailer();
        this.reader = queue == null ? null : queue.createTailer();
        if (queue != null) {
            tailer.singleThreadedCheckDisabled(true);
            reader.singleThreadedCheckDisabled(true);
        }
    }

    /** Opens the cards of the journal in {@code dir} (as given to {@link Journal#open}) read-only. */
    public static Cards open(Path dir) {
        Path cards = dir.resolve(Queues.CARDS);
        if (!Files.isDirectory(cards)) {
            return new Cards(null);
        }
        Cards c = new Cards(Queues.openReadOnly(cards));
        c.refresh();
        return c;
    }


    /** Cards matching the filter, newest first (by time received, then number). */
    public synchronized List<Card> list(CardFilter f) {
        refresh();
        List<Summary> hits = new ArrayList<>();
        if (f.status() != null && f.status().equals(Card.IN_PROGRESS)) {
            for (Long n : open) {
                Summary s = byNumber.get(n);
                if (s != null && matches(s, f)) {
                    hits.add(s);
                }
            }
            hits.sort(NEWEST_FIRST);
        } else if (narrowest(f) != null) {
            CardIndex index = narrowest(f);
            long key = CardIndex.key(index == byCaller ? f.caller() : index == byOperator ? f.operator() : f.topic());
            index.forEach(key, n -> {
                Summary s = byNumber.get(n);
                if (s != null && matches(s, f)) {
                    hits.add(s);
                }
            });
            hits.sort(NEWEST_FIRST);
        } else {
            // The time index is already in order: walk it from the newest and stop at the limit.
            int from = f.from() == null ? 0 : byReceived.firstAtOrAfter(f.from());
            int to = f.to() == null ? byReceived.size() : byReceived.firstAtOrAfter(f.to());
            for (int i = to - 1; i >= from && hits.size() < f.limit(); i--) {
                Summary s = byNumber.get(byReceived.number(i));
                if (s != null && matches(s, f)) {
                    hits.add(s);
                }
            }
        }
        List<Card> out = new ArrayList<>(Math.min(hits.size(), f.limit()));
        for (Summary s : hits) {
            if (out.size() >= f.limit()) {
                break;
            }
            out.add(card(s));
        }
        return out;
    }

    /** The index of the filter's caller, operator or topic with the fewest cards, or null when it names none. */
    private CardIndex narrowest(CardFilter f) {
        CardIndex best = null;
        int fewest = Integer.MAX_VALUE;
        String[] named = {f.caller(), f.operator(), f.topic()};
        CardIndex[] indexes = {byCaller, byOperator, byTopic};
        for (int i = 0; i < named.length; i++) {
            if (named[i] != null) {
                int n = indexes[i].size(CardIndex.key(named[i]));
                if (n < fewest) {
                    fewest = n;
                    best = indexes[i];
                }
            }
        }
        return best;
    }

    private static final Comparator<Summary> NEWEST_FIRST =
            Comparator.comparingLong((Summary s) -> s.receivedAt).thenComparingLong(s -> s.number).reversed();

    public synchronized Optional<Card> get(long number) {
        refresh();
        Summary s = byNumber.get(number);
        return s == null ? Optional.empty() : Optional.of(card(s));
    }

    /** The journaled events of one card, in order (empty if there is no such card): for audits and checks. */
    public synchronized List<CardEvent> events(long number) {
        refresh();
        Summary s = byNumber.get(number);
        List<CardEvent> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        for (int i = 0; i < s.count; i++) {
            CardEvent e = read(s.excerpts[i], s.number);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }

    /** Gives each event of one card, in order, with its journal index (the order of all events). */
    synchronized void forEachEvent(long number, java.util.function.ObjLongConsumer<CardEvent> each) {
        refresh();
        Summary s = byNumber.get(number);
        if (s == null) {
            return;
        }
        for (int i = 0; i < s.count; i++) {
            CardEvent e = read(s.excerpts[i], s.number);
            if (e != null) {
                each.accept(e, s.excerpts[i]);
            }
        }
    }

    /** How many cards and events are known. */
    public synchronized int size() {
        refresh();
        return byNumber.size();
    }

    public synchronized long events() {
        return events;
    }

    /**
     * Reads events appended since the last call and updates the index. Only what the index needs is
     * decoded: the record's name (without making a String), card and time, and the few strings it keys on.
     */
    public synchronized void refresh() {
        if (tailer == null) {
            return;
        }
        while (true) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return;
                }
                net.openhft.chronicle.bytes.Bytes<?> b = dc.wire().bytes();
                long start = b.readPosition();
                EventCodec.Shape shape = codec.shapeAt(b);
                if (shape == null) {
                    continue; // written by a newer EKC: a record this one does not know
                }
                long card;
                long time;
                if (shape.cardAndTimeFirst) {
                    card = b.readLong();
                    time = b.readLong();
                } else {
                    b.readPosition(start);
                    CardEvent e = codec.read(b);
                    card = e.card();
                    time = e.time();
                }
                index(shape, b, card, time, dc.index());
            }
        }
    }

    /** Indexes one event; {@code b} is at its third component when the record starts with (card, time). */
    private void index(EventCodec.Shape shape, net.openhft.chronicle.bytes.Bytes<?> b, long n, long time, long index) {
        events++;
        Summary s = byNumber.get(n);
        if (s == null) {
            s = new Summary(n);
            byNumber.put(n, s);
            s.receivedAt = time;
            byReceived.add(time, n);
            open.add(n);
        } else if (cached > 0 && cache.asMap().remove(n) != null) {
            cached--;
        }
        s.add(index);
        if (!shape.cardAndTimeFirst) {
            return;
        }
        if (shape == opened) {
            if (s.receivedAt != time) {
                byReceived.remove(s.receivedAt, n);
                s.receivedAt = time;
                byReceived.add(time, n);
            }
            String caller = (String) codec.readComponent(b, shape, 2);
            if (caller != null && s.caller == null) {
                byCaller.add(CardIndex.key(caller), n);
            }
            s.caller = caller;
        } else if (shape == connected) {
            operator(s, (String) codec.readComponent(b, shape, 2));
            operator(s, (String) codec.readComponent(b, shape, 3));
        } else if (shape == robotEnded) {
            codec.skipComponent(b, shape, 2);
            topic(s, (String) codec.readComponent(b, shape, 3));
        } else if (shape == note) {
            codec.skipComponent(b, shape, 2);
            @SuppressWarnings("unchecked")
            Map<String, String> f = (Map<String, String>) codec.readComponent(b, shape, 3);
            String topics = f == null ? null : f.get(OperatorFields.TOPICS);
            if (topics != null) {
                for (String t : topics.split(";")) {
                    topic(s, t.strip());
                }
            }
        } else if (shape == closed && s.status.equals(Card.IN_PROGRESS)) {
            s.status = (String) codec.readComponent(b, shape, 2);
            if (s.status == null) {
                s.status = "closed";
            }
            open.remove(n);
        }
    }

    private void operator(Summary s, String who) {
        if (who == null) {
            return;
        }
        String[] grown = added(s.operators, who);
        if (grown != null) {
            s.operators = grown;
            byOperator.add(CardIndex.key(who), s.number);
        }
    }

    private void topic(Summary s, String topic) {
        if (topic == null || topic.isEmpty()) {
            return;
        }
        String[] grown = added(s.topics, topic);
        if (grown != null) {
            s.topics = grown;
            byTopic.add(CardIndex.key(topic), s.number);
        }
    }

    private static boolean matches(Summary s, CardFilter f) {
        return (f.from() == null || s.receivedAt >= f.from())
                && (f.to() == null || s.receivedAt < f.to())
                && (f.caller() == null || f.caller().equals(s.caller))
                && (f.status() == null || f.status().equals(s.status))
                && (f.operator() == null || has(s.operators, f.operator()))
                && (f.topic() == null || has(s.topics, f.topic()));
    }

    private Card card(Summary s) {
        return cache.get(s.number, n -> {
            cached++;
            return fold(s);
        });
    }

    private Card fold(Summary s) {
        CardFold fold = new CardFold(s.number);
        for (int i = 0; i < s.count; i++) {
            CardEvent e = read(s.excerpts[i], s.number);
            if (e != null) {
                fold.apply(e);
            }
        }
        return fold.toCard();
    }

    private CardEvent read(long index, long number) {
        if (!reader.moveToIndex(index)) {
            throw new IllegalStateException("journal excerpt " + Long.toHexString(index) + " of card " + number + " is gone");
        }
        try (DocumentContext dc = reader.readingDocument()) {
            return codec.read(dc.wire().bytes());
        }
    }

    @Override
    public synchronized void close() {
        if (queue != null) {
            queue.close();
        }
    }
}
