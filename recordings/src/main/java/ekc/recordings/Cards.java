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
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

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
        long[] excerpts = new long[8];
        int count;
        String caller;
        long receivedAt;
        String status = Card.IN_PROGRESS;
        /** Created when first needed: most cards have one operator or none, and a topic or two. */
        Set<String> operators;
        Set<String> topics;

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

    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final ExcerptTailer reader;
    private final EventCodec codec = EventCodec.get();
    private final Map<Long, Summary> byNumber = new HashMap<>();
    private final NavigableMap<Long, Object> byReceived = new TreeMap<>();
    private final Map<String, Set<Long>> byCaller = new HashMap<>();
    private final Map<String, Set<Long>> byStatus = new HashMap<>();
    private final Map<String, Set<Long>> byOperator = new HashMap<>();
    private final Map<String, Set<Long>> byTopic = new HashMap<>();
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
    @SuppressWarnings("unchecked")
    public synchronized List<Card> list(CardFilter f) {
        refresh();
        Collection<Long> narrowed = narrowed(f);
        List<Summary> hits = new ArrayList<>();
        if (narrowed != null) {
            for (Long n : narrowed) {
                Summary s = byNumber.get(n);
                if (s != null && matches(s, f)) {
                    hits.add(s);
                }
            }
            hits.sort(NEWEST_FIRST);
        } else {
            // The time index is already in order: walk it from the newest and stop at the limit.
            NavigableMap<Long, Object> period = byReceived;
            if (f.from() != null) {
                period = period.tailMap(f.from(), true);
            }
            if (f.to() != null) {
                period = period.headMap(f.to(), false);
            }
            List<Summary> same = new ArrayList<>();
            for (Object v : period.descendingMap().values()) {
                if (hits.size() >= f.limit()) {
                    break;
                }
                same.clear();
                for (Long n : v instanceof Long ? List.of((Long) v) : (Set<Long>) v) {
                    Summary s = byNumber.get(n);
                    if (s != null && matches(s, f)) {
                        same.add(s);
                    }
                }
                same.sort(NEWEST_FIRST);
                hits.addAll(same);
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

    /** Reads events appended since the last call and updates the index. */
    public synchronized void refresh() {
        if (tailer == null) {
            return;
        }
        while (true) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return;
                }
                long index = dc.index();
                net.openhft.chronicle.bytes.Bytes<?> b = dc.wire().bytes();
                long start = b.readPosition();
                EventCodec.Header h = codec.header(b);
                if (h == null) {
                    continue; // written by a newer EKC: a record this one does not know
                }
                // Only the events the index looks into are decoded whole.
                CardEvent e = null;
                if (INDEXED.contains(h.name())) {
                    b.readPosition(start);
                    e = codec.read(b);
                }
                index(h, e, index);
            }
        }
    }

    private static final Set<String> INDEXED = Set.of("CardOpened", "OperatorConnected", "RobotDialogEnded",
            "OperatorNote", "CardClosed");

    private void index(EventCodec.Header h, CardEvent e, long index) {
        events++;
        long n = h.card();
        Summary s = byNumber.get(n);
        if (s == null) {
            s = new Summary(n);
            byNumber.put(n, s);
            s.receivedAt = h.time();
            putReceived(s.receivedAt, n);
            put(byStatus, s.status, n);
        } else if (cached > 0 && cache.asMap().remove(n) != null) {
            cached--;
        }
        s.add(index);
        if (e instanceof CardEvent.CardOpened) {
            CardEvent.CardOpened o = (CardEvent.CardOpened) e;
            if (s.receivedAt != o.time()) {
                removeReceived(s.receivedAt, n);
                s.receivedAt = o.time();
                putReceived(s.receivedAt, n);
            }
            s.caller = o.caller();
            if (o.caller() != null) {
                put(byCaller, o.caller(), n);
            }
        } else if (e instanceof CardEvent.OperatorConnected) {
            CardEvent.OperatorConnected c = (CardEvent.OperatorConnected) e;
            operator(s, c.agentId());
            operator(s, c.agentName());
        } else if (e instanceof CardEvent.RobotDialogEnded) {
            topic(s, ((CardEvent.RobotDialogEnded) e).topic());
        } else if (e instanceof CardEvent.OperatorNote) {
            Map<String, String> f = ((CardEvent.OperatorNote) e).fields();
            String topics = f == null ? null : f.get(OperatorFields.TOPICS);
            if (topics != null) {
                for (String t : topics.split(";")) {
                    topic(s, t.strip());
                }
            }
        } else if (e instanceof CardEvent.CardClosed && s.status.equals(Card.IN_PROGRESS)) {
            remove(byStatus, s.status, n);
            s.status = ((CardEvent.CardClosed) e).status();
            put(byStatus, s.status, n);
        }
    }

    /** byReceived holds a Long for the usual single card at a time, a Set when several share it. */
    @SuppressWarnings("unchecked")
    private void putReceived(long at, long n) {
        Object v = byReceived.get(at);
        if (v == null) {
            byReceived.put(at, n);
        } else if (v instanceof Long) {
            Set<Long> set = new HashSet<>(4);
            set.add((Long) v);
            set.add(n);
            byReceived.put(at, set);
        } else {
            ((Set<Long>) v).add(n);
        }
    }

    @SuppressWarnings("unchecked")
    private void removeReceived(long at, long n) {
        Object v = byReceived.get(at);
        if (v instanceof Long && (Long) v == n) {
            byReceived.remove(at);
        } else if (v instanceof Set) {
            ((Set<Long>) v).remove(n);
        }
    }

    private void operator(Summary s, String who) {
        if (who != null && s.operators == null) {
            s.operators = new HashSet<>(4);
        }
        if (who != null && s.operators.add(who)) {
            put(byOperator, who, s.number);
        }
    }

    private void topic(Summary s, String topic) {
        if (topic != null && !topic.isEmpty() && s.topics == null) {
            s.topics = new HashSet<>(4);
        }
        if (topic != null && !topic.isEmpty() && s.topics.add(topic)) {
            put(byTopic, topic, s.number);
        }
    }

    /** The smallest index set the filter names, or null when only the time index applies. */
    private Collection<Long> narrowed(CardFilter f) {
        Collection<Long> best = null;
        for (Collection<Long> c : Arrays.asList(
                f.caller() == null ? null : byCaller.getOrDefault(f.caller(), Set.of()),
                f.status() == null ? null : byStatus.getOrDefault(f.status(), Set.of()),
                f.operator() == null ? null : byOperator.getOrDefault(f.operator(), Set.of()),
                f.topic() == null ? null : byTopic.getOrDefault(f.topic(), Set.of()))) {
            if (c != null && (best == null || c.size() < best.size())) {
                best = c;
            }
        }
        return best;
    }

    private static boolean matches(Summary s, CardFilter f) {
        return (f.from() == null || s.receivedAt >= f.from())
                && (f.to() == null || s.receivedAt < f.to())
                && (f.caller() == null || f.caller().equals(s.caller))
                && (f.status() == null || f.status().equals(s.status))
                && (f.operator() == null || (s.operators != null && s.operators.contains(f.operator())))
                && (f.topic() == null || (s.topics != null && s.topics.contains(f.topic())));
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

    private static <K> void put(Map<K, Set<Long>> index, K key, long n) {
        index.computeIfAbsent(key, k -> new HashSet<>(4)).add(n);
    }

    private static <K> void remove(Map<K, Set<Long>> index, K key, long n) {
        Set<Long> set = index.get(key);
        if (set != null) {
            set.remove(n);
            if (set.isEmpty()) {
                index.remove(key);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (queue != null) {
            queue.close();
        }
    }
}
