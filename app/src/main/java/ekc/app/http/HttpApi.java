package ekc.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import ekc.config.HttpConfig;
import ekc.engine.Input;
import ekc.recordings.Card;
import ekc.recordings.CardFilter;
import ekc.recordings.Cards;
import ekc.recordings.OperatorFields;
import ekc.recordings.PersonalData;
import ekc.recordings.RecordingExport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP API of cards and recordings (issue 7): JSON over the JDK's HTTP server, bearer tokens of the
 * configured accounts (R38), personal data masked in lists, an audit line for every view. Requests run on
 * its own worker threads ({@code ekc-http-N}); operator fields go to the engine as {@link Input.OperatorNote}.
 */
public final class HttpApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CARD = Pattern.compile("/api/cards/(\\d{1,18})(/recording|/notes|/callback|/assign)?/?");
    private static final Pattern UNANSWERED_CALL = Pattern.compile("/api/unanswered/(\\d{1,18})/call/?");
    private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** A call-back further ahead than this is taken for a typo. */
    private static final long CALLBACK_HORIZON_MILLIS = 366L * 24 * 3_600_000;
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    private final HttpServer server;
    private final ExecutorService workers;
    private final Accounts accounts;
    private final AuditLog audit;
    private final Cards cards;
    private final Path journalDir;
    private final Consumer<Input> publish;
    private final Clock clock;
    private final CallBacks callBacks;

    /**
     * What R29's call-backs need from the rest of EKC: new call ids (an outbound call is a new card) and each
     * operator's skills as {@code Skill.name()} prints them (an operator calls back the unanswered requests of
     * their own skills). {@link #NONE}: no call-backs through this API.
     */
    public record CallBacks(LongSupplier newCallId, Map<String, Set<String>> skillsByAgent) {
        public static final CallBacks NONE = new CallBacks(null, Map.of());

        boolean mayCallBack(Account a, Card c) {
            if (!a.operator() || !c.awaitsCallBack()) {
                return false;
            }
            if (c.unansweredSkill() == null) {
                return a.role().equals("first-line-operator"); // never routed: the first line's list
            }
            return skillsByAgent.getOrDefault(a.agentId(), Set.of()).contains(c.unansweredSkill());
        }

        /** On the account's call-back list: an operator's of their skills, a supervisor's of their center. */
        boolean onListOf(Account a, Card c) {
            if (a.operator()) {
                return mayCallBack(a, c);
            }
            return c.awaitsCallBack() && (a.center() == null
                    || (c.unansweredSkill() != null && c.unansweredSkill().startsWith(a.center())));
        }
    }

    private HttpApi(HttpConfig config, Cards cards, Path journalDir, Path auditLog, Consumer<Input> publish, Clock clock,
                    CallBacks callBacks) throws IOException {
        this.callBacks = callBacks;
        this.accounts = new Accounts(config.accounts());
        this.audit = new AuditLog(auditLog, clock);
        this.cards = cards;
        this.journalDir = journalDir;
        this.publish = publish;
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "ekc-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    /**
     * Starts the API on {@code config.host():config.port()} (port 0: any free port, see {@link #port()}).
     *
     * @param cards the read side of the journal (shared; its calls are serialised)
     * @param journalDir the journal directory, for recordings
     * @param auditLog the audit log file (the data directory resolved with {@code config.auditLog()})
     * @param publish where operator fields go: the engine's ring ({@code EngineRing::publish})
     */
    public static HttpApi start(HttpConfig config, Cards cards, Path journalDir, Path auditLog,
                                Consumer<Input> publish, Clock clock) {
        return start(config, cards, journalDir, auditLog, publish, clock, CallBacks.NONE);
    }

    /** As above, with operators' call-backs of unanswered requests (R29): {@code /api/unanswered}. */
    public static HttpApi start(HttpConfig config, Cards cards, Path journalDir, Path auditLog,
                                Consumer<Input> publish, Clock clock, CallBacks callBacks) {
        try {
            HttpApi api = new HttpApi(config, cards, journalDir, auditLog, publish, clock, callBacks);
            api.server.start();
            LOG.info("HTTP API on http://{}:{}/api/cards (OpenAPI at /openapi.json), {} accounts", config.host(),
                    api.port(), config.accounts().size());
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for HTTP on " + config.host() + ":" + config.port(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            if (path.equals("/openapi.json") || path.equals("/api/openapi.json")) {
                openApi(x);
                return;
            }
            if (!path.startsWith("/api/")) {
                error(x, 404, "no such resource: " + path);
                return;
            }
            Optional<Account> who = accounts.authenticate(x.getRequestHeaders().getFirst("Authorization"));
            if (who.isEmpty()) {
                x.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"ekc\"");
                audit.write("-", "-", x.getRequestMethod() + " " + path, "-", 401, remote(x));
                error(x, 401, "a valid bearer token is needed (Authorization: Bearer …)");
                return;
            }
            route(x, path, who.get());
        } catch (RuntimeException e) {
            LOG.error("HTTP {} {} failed", x.getRequestMethod(), x.getRequestURI().getPath(), e);
            error(x, 500, "internal error: " + e.getClass().getSimpleName());
        }
    }

    private void route(HttpExchange x, String path, Account a) throws IOException {
        String method = x.getRequestMethod();
        if (path.equals("/api/cards") || path.equals("/api/cards/")) {
            if (!method.equals("GET")) {
                methodNotAllowed(x, "GET");
                return;
            }
            list(x, a);
            return;
        }
        if (path.equals("/api/unanswered") || path.equals("/api/unanswered/")) {
            if (!method.equals("GET")) {
                methodNotAllowed(x, "GET");
                return;
            }
            unanswered(x, a);
            return;
        }
        Matcher call = UNANSWERED_CALL.matcher(path);
        if (call.matches()) {
            if (!method.equals("POST")) {
                methodNotAllowed(x, "POST");
                return;
            }
            callBack(x, a, Long.parseLong(call.group(1)));
            return;
        }
        Matcher m = CARD.matcher(path);
        if (!m.matches()) {
            error(x, 404, "no such resource: " + path);
            return;
        }
        long number = Long.parseLong(m.group(1));
        String sub = m.group(2) == null ? "" : m.group(2);
        String action = switch (sub) {
            case "" -> "view-card";
            case "/recording" -> "recording";
            case "/notes" -> "add-notes";
            case "/callback" -> "book-callback";
            default -> "assign";
        };
        boolean writes = !action.equals("view-card") && !action.equals("recording");
        String expected = writes ? "POST" : "GET";
        if (!method.equals(expected)) {
            methodNotAllowed(x, expected);
            return;
        }
        if (!a.readsCards()) {
            deny(x, a, action, Long.toString(number), "role " + a.role() + " has no access to cards");
            return;
        }
        Optional<Card> card = cards.get(number);
        if (card.isEmpty()) {
            audit.write(a.name(), a.role(), action, Long.toString(number), 404, remote(x));
            error(x, 404, "no card " + number);
            return;
        }
        Card c = card.get();
        if (action.equals("assign") && !a.supervisor()) {
            deny(x, a, action, Long.toString(number), "only a supervisor assigns a deferred request (R24)");
            return;
        }
        boolean allowed = switch (action) {
            case "add-notes", "book-callback" -> a.mayWrite(c);
            default -> a.mayRead(c);
        };
        if (!allowed) {
            deny(x, a, action, Long.toString(number), "card " + number + " is not in the work of " + a.name());
            return;
        }
        switch (action) {
            case "view-card":
                audit.write(a.name(), a.role(), action, Long.toString(number), 200, remote(x));
                json(x, 200, a.seesPersonalData() ? c : PersonalData.mask(c));
                break;
            case "recording":
                recording(x, a, number);
                break;
            case "book-callback":
                callback(x, a, number);
                break;
            case "assign":
                assign(x, a, number);
                break;
            default:
                notes(x, a, number);
        }
    }

    private void list(HttpExchange x, Account a) throws IOException {
        if (!a.readsCards()) {
            deny(x, a, "list-cards", "-", "role " + a.role() + " has no access to cards");
            return;
        }
        CardFilter f;
        try {
            f = filter(query(x), a);
        } catch (IllegalArgumentException e) {
            error(x, 400, e.getMessage());
            return;
        }
        listed(x, a, "list-cards", f, a::mayRead);
    }

    /** The cards of {@code f} that {@code shown} lets the account see, masked, newest first; audited. */
    private void listed(HttpExchange x, Account a, String action, CardFilter f, java.util.function.Predicate<Card> shown)
            throws IOException {
        List<Card> out = new ArrayList<>();
        // The filter's limit applies to what this account may see, so that check comes first.
        for (Card c : cards.list(f.withLimit(Integer.MAX_VALUE))) {
            if (out.size() >= f.limit()) {
                break;
            }
            if (shown.test(c)) {
                out.add(PersonalData.mask(c));
            }
        }
        audit.write(a.name(), a.role(), action, out.size() + "-cards", 200, remote(x));
        json(x, 200, out);
    }

    /**
     * R29: the call-back list of the account's line — unanswered requests (R28) not yet called back, newest
     * first: an operator's those of their own skills, a supervisor's those of their center. Masked, as lists are.
     */
    private void unanswered(HttpExchange x, Account a) throws IOException {
        if (!a.readsCards()) {
            deny(x, a, "list-unanswered", "-", "role " + a.role() + " has no access to cards");
            return;
        }
        Map<String, String> q = query(x);
        CardFilter f;
        try {
            known(q, "from", "to", "limit");
            f = CardFilter.all().withPeriod(time(q.get("from"), false), time(q.get("to"), true))
                    .withStatus("unanswered").withLimit(limit(q));
        } catch (IllegalArgumentException e) {
            error(x, 400, e.getMessage());
            return;
        }
        listed(x, a, "list-unanswered", f, c -> callBacks.onListOf(a, c));
    }

    /**
     * R29: an operator calls an unanswered request of their line back. EKC makes the call a new outbound card,
     * rings the operator, then dials the number on the request's card (never one given here). The engine
     * takes the first operator who asks; the request's card shows it ({@code calledBackIn}) once it has.
     */
    private void callBack(HttpExchange x, Account a, long number) throws IOException {
        if (!a.operator()) {
            deny(x, a, "call-back", Long.toString(number), "only an operator calls a citizen back (R29)");
            return;
        }
        if (callBacks.newCallId() == null) {
            error(x, 503, "call-backs are not available in this EKC");
            return;
        }
        Optional<Card> card = cards.get(number);
        if (card.isEmpty()) {
            audit.write(a.name(), a.role(), "call-back", Long.toString(number), 404, remote(x));
            error(x, 404, "no card " + number);
            return;
        }
        Card c = card.get();
        if (!c.awaitsCallBack()) {
            audit.write(a.name(), a.role(), "call-back", Long.toString(number), 409, remote(x));
            error(x, 409, c.calledBackIn() != 0 ? "card " + number + " was called back already, in card " + c.calledBackIn()
                    : "card " + number + " is not an unanswered request (status " + c.status() + ")");
            return;
        }
        if (!callBacks.mayCallBack(a, c)) {
            deny(x, a, "call-back", Long.toString(number), "card " + number + " is on another line's or skill's list ("
                    + c.unansweredSkill() + "): each line calls back its own (R29)");
            return;
        }
        long callId = callBacks.newCallId().getAsLong();
        publish.accept(new Input.UnansweredCallBack(callId, number, a.agentId()));
        audit.write(a.name(), a.role(), "call-back", Long.toString(number), 202, remote(x));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("request", number);
        r.put("card", callId);
        json(x, 202, r);
    }

    /** Throws, naming them, when the query has a parameter not in {@code names}. */
    private static void known(Map<String, String> q, String... names) {
        for (String k : q.keySet()) {
            if (!List.of(names).contains(k)) {
                throw new IllegalArgumentException("unknown parameter '" + k + "' (" + String.join(", ", names) + ")");
            }
        }
    }

    private static int limit(Map<String, String> q) {
        if (!q.containsKey("limit")) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(q.get("limit"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("limit must be a number, not '" + q.get("limit") + "'");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", not " + limit);
        }
        return limit;
    }

    private static CardFilter filter(Map<String, String> q, Account a) {
        known(q, "from", "to", "caller", "status", "topic", "operator", "limit");
        int limit = limit(q);
        String operator = q.get("operator");
        if (a.operator()) {
            if (operator != null && !operator.equals(a.agentId())) {
                throw new IllegalArgumentException("an operator lists only their own cards (operator=" + a.agentId() + ")");
            }
            operator = a.agentId();
        }
        return new CardFilter(time(q.get("from"), false), time(q.get("to"), true), q.get("caller"), q.get("status"),
                q.get("topic"), operator, limit);
    }

    /** An instant, or a date in Moscow time: {@code from} its start, {@code to} its end. */
    private static Long time(String s, boolean end) {
        if (s == null) {
            return null;
        }
        try {
            if (s.length() == 10) {
                LocalDate d = LocalDate.parse(s);
                return (end ? d.plusDays(1) : d).atStartOfDay(MOSCOW).toInstant().toEpochMilli();
            }
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date (2023-11-22) or instant (2023-11-22T10:06:00Z): '" + s + "'");
        }
    }

    private void recording(HttpExchange x, Account a, long number) throws IOException {
        Path wav = Files.createTempFile("ekc-recording-" + number + "-", ".wav");
        try {
            RecordingExport.write(journalDir, number, wav);
            audit.write(a.name(), a.role(), "recording", Long.toString(number), 200, remote(x));
            x.getResponseHeaders().set("Content-Type", "audio/wav");
            x.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + number + ".wav\"");
            x.sendResponseHeaders(200, Files.size(wav));
            try (OutputStream out = x.getResponseBody()) {
                Files.copy(wav, out);
            }
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    private void notes(HttpExchange x, Account a, long number) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        try (InputStream in = x.getRequestBody()) {
            Map<?, ?> body = JSON.readValue(in.readNBytes(1 << 20), Map.class);
            for (Map.Entry<?, ?> e : body.entrySet()) {
                String k = String.valueOf(e.getKey());
                if (!OperatorFields.ALL.contains(k)) {
                    error(x, 400, "unknown field '" + k + "'; fields: " + OperatorFields.ALL);
                    return;
                }
                if (!(e.getValue() instanceof String)) {
                    error(x, 400, "field '" + k + "' must be a string");
                    return;
                }
                fields.put(k, (String) e.getValue());
            }
        } catch (JsonProcessingException e) {
            error(x, 400, "the body must be a JSON object of field → text: " + e.getOriginalMessage());
            return;
        }
        if (fields.isEmpty()) {
            error(x, 400, "no fields given; fields: " + OperatorFields.ALL);
            return;
        }
        publish.accept(new Input.OperatorNote(number, a.agentId(), Map.copyOf(fields)));
        audit.write(a.name(), a.role(), "add-notes", Long.toString(number), 202, remote(x));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("card", number);
        r.put("accepted", new ArrayList<>(fields.keySet()));
        json(x, 202, r);
    }

    /**
     * R20: the operator who has the call (talking or in post-processing) books the date and time of a
     * call-back. The engine takes it only from that operator; the card shows it once it does.
     */
    private void callback(HttpExchange x, Account a, long number) throws IOException {
        Map<?, ?> body = body(x, "{\"at\": \"2026-12-02T10:00:00+03:00\", \"note\": \"…\"}");
        if (body == null) {
            return;
        }
        for (Object k : body.keySet()) {
            if (!k.equals("at") && !k.equals("note")) {
                error(x, 400, "unknown field '" + k + "'; fields: at, note");
                return;
            }
        }
        if (!(body.get("at") instanceof String when)) {
            error(x, 400, "'at' is required: the call-back's date and time with its offset, e.g. 2026-12-02T10:00:00+03:00");
            return;
        }
        long at;
        try {
            at = java.time.OffsetDateTime.parse(when).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            error(x, 400, "'at' must be a date and time with its offset, e.g. 2026-12-02T10:00:00+03:00, not " + when);
            return;
        }
        long now = clock.millis();
        if (at <= now || at > now + CALLBACK_HORIZON_MILLIS) {
            error(x, 400, "'at' must be in the future and within a year, not " + when);
            return;
        }
        Object note = body.get("note");
        if (note != null && (!(note instanceof String text) || text.length() > 1000)) {
            error(x, 400, "'note' must be text of at most 1000 characters");
            return;
        }
        publish.accept(new Input.CallbackBooked(number, a.agentId(), at, note == null ? "" : (String) note));
        audit.write(a.name(), a.role(), "book-callback", Long.toString(number), 202, remote(x));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("card", number);
        r.put("at", Instant.ofEpochMilli(at).toString());
        json(x, 202, r);
    }

    /** R24: the supervisor gives a deferred request to a second-line operator; the engine checks both. */
    private void assign(HttpExchange x, Account a, long number) throws IOException {
        Map<?, ?> body = body(x, "{\"agent\": \"31001\"}");
        if (body == null) {
            return;
        }
        if (body.size() != 1 || !(body.get("agent") instanceof String agent) || !AGENT_ID.matcher(agent).matches()) {
            error(x, 400, "the body must be {\"agent\": \"<operator id>\"} (letters, digits, . _ -)");
            return;
        }
        publish.accept(new Input.SupervisorAssigned(number, agent));
        audit.write(a.name(), a.role(), "assign", Long.toString(number), 202, remote(x));
        json(x, 202, Map.of("card", number, "agent", agent));
    }

    /** A JSON object body, or null after a 400 that shows {@code example}. */
    private static Map<?, ?> body(HttpExchange x, String example) throws IOException {
        try (InputStream in = x.getRequestBody()) {
            Object v = JSON.readValue(in.readNBytes(1 << 16), Object.class);
            if (v instanceof Map<?, ?> m) {
                return m;
            }
        } catch (JsonProcessingException e) {
            // answered below
        }
        error(x, 400, "the body must be a JSON object, e.g. " + example);
        return null;
    }

    private void openApi(HttpExchange x) throws IOException {
        try (InputStream in = HttpApi.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the jar");
            }
            byte[] body = in.readAllBytes();
            x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
        }
    }

    private void deny(HttpExchange x, Account a, String action, String card, String why) throws IOException {
        audit.write(a.name(), a.role(), action, card, 403, remote(x));
        error(x, 403, why);
    }

    private static void methodNotAllowed(HttpExchange x, String allowed) throws IOException {
        x.getResponseHeaders().set("Allow", allowed);
        error(x, 405, "use " + allowed);
    }

    private static void error(HttpExchange x, int status, String message) throws IOException {
        json(x, status, Map.of("error", message));
    }

    private static void json(HttpExchange x, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(HttpExchange x) {
        Map<String, String> q = new HashMap<>();
        String raw = x.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(k, v);
        }
        return q;
    }

    private static String remote(HttpExchange x) {
        return x.getRemoteAddress().getAddress().getHostAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        audit.close();
    }
}
