package ekc.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import ekc.config.HttpConfig;
import ekc.engine.CardEvent;
import ekc.engine.CardEvent.*;
import ekc.engine.Channel;
import ekc.engine.Direction;
import ekc.engine.Input;
import ekc.engine.Line;
import ekc.engine.RobotOutcome;
import ekc.recordings.Cards;
import ekc.recordings.Journal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static ekc.app.http.ApiClient.JSON;
import static ekc.app.http.ApiClient.numbers;
import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP API over a real socket (port 0) and a real journal. */
class HttpApiTest {

    /** 22.11.2023 13:06:00 Moscow. */
    private static final long T0 = 1_700_647_560_000L;

    @TempDir
    Path dir;

    private Journal journal;
    private Cards cards;
    private HttpApi api;
    private final List<Input> published = new CopyOnWriteArrayList<>();
    private ApiClient client;

    @BeforeEach
    void start() {
        journal = Journal.open(dir.resolve("journal"));
        List<CardEvent> events = new ArrayList<>();
        events.addAll(servedByTwoLines(1, T0));
        events.addAll(answeredByRobot(2, T0 + 60_000, "+79180000002"));
        events.addAll(servedByTwoLines(3, T0 + 120_000));
        events.forEach(journal::append);
        // Operator 'op-9' of Moscow served card 4.
        journal.append(new CardOpened(4, T0 + 180_000, "+74950000004", "Москва", Direction.INBOUND, Channel.VOICE, "+78001000001"));
        journal.append(new OperatorConnected(4, T0 + 190_000, "op-9", "Петров Илья", "31001", "ОСФР Москва, 2 линия", Line.SECOND, 1_000));
        journal.audio(1, true, T0 + 5_000, new byte[160], 0);
        journal.flush();
        cards = Cards.open(dir.resolve("journal"));
        Consumer engine = new Consumer();
        api = HttpApi.start(new HttpConfig(true, "127.0.0.1", 0, null, ApiClient.accounts()), cards, dir.resolve("journal"),
                dir.resolve("audit.log"), engine, Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC));
        client = new ApiClient(api);
    }

    /** Stands in for the engine: journals an operator's note the way the engine's fact would. */
    private final class Consumer implements java.util.function.Consumer<Input> {
        @Override
        public void accept(Input in) {
            published.add(in);
            if (in instanceof Input.OperatorNote) {
                Input.OperatorNote n = (Input.OperatorNote) in;
                synchronized (journal) {
                    journal.append(new OperatorNote(n.callId(), T0 + 500_000, n.agentId(), n.fields()));
                    journal.flush();
                }
            }
        }
    }

    @AfterEach
    void stop() {
        api.close();
        cards.close();
        journal.close();
    }

    @Test
    void R38_noTokenOrAWrongOneIs401() throws Exception {
        HttpResponse<String> r = client.get("/api/cards", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"ekc\"");
        assertThat(client.get("/api/cards/1", "not-a-token").statusCode()).isEqualTo(401);
        assertThat(client.get("/api/cards/1/recording", null).statusCode()).isEqualTo(401);
    }

    @Test
    void R38_aRoleWithoutCardsIs403() throws Exception {
        assertThat(client.get("/api/cards", "admin").statusCode()).isEqualTo(403);
        assertThat(client.get("/api/cards/1", "admin").statusCode()).isEqualTo(403);
        assertThat(client.post("/api/cards/1/notes", "sup-all", "{\"comment\":\"x\"}").statusCode()).isEqualTo(403);
    }

    @Test
    void R38_anOperatorSeesTheCardsOfTheirOwnWorkOnly() throws Exception {
        assertThat(numbers(client.get("/api/cards", "op17"))).containsExactly(3L, 1L);
        assertThat(client.get("/api/cards/1", "op17").statusCode()).isEqualTo(200);
        assertThat(client.get("/api/cards/2", "op17").statusCode()).isEqualTo(403);
        assertThat(client.get("/api/cards?operator=op-2", "op17").statusCode()).isEqualTo(400);
        assertThat(client.get("/api/cards/99", "op17").statusCode()).isEqualTo(404);
    }

    @Test
    void R38_aSupervisorSeesTheCardsOfTheirCenterOrAll() throws Exception {
        assertThat(numbers(client.get("/api/cards", "sup-krd"))).containsExactly(3L, 1L);
        assertThat(client.get("/api/cards/4", "sup-krd").statusCode()).isEqualTo(403);
        assertThat(numbers(client.get("/api/cards", "sup-all"))).containsExactly(4L, 3L, 2L, 1L);
    }

    @Test
    void snilsIsMaskedInListsAndWholeOnTheCardOnlyForThoseAllowed() throws Exception {
        String list = client.get("/api/cards", "sup-all").body();
        assertThat(list).contains("***-***-248 91").doesNotContain("029-478-248 91");
        assertThat(field(client.get("/api/cards/1", "op17"), "snils")).isEqualTo("***-***-248 91");
        assertThat(field(client.get("/api/cards/1", "op2"), "snils")).isEqualTo("029-478-248 91");
        assertThat(field(client.get("/api/cards/1", "sup-krd"), "snils")).isEqualTo("029-478-248 91");
    }

    @Test
    void listsFilterByPeriodCallerStatusTopicAndOperator() throws Exception {
        assertThat(numbers(client.get("/api/cards?status=answered-by-robot", "sup-all"))).containsExactly(2L);
        assertThat(numbers(client.get("/api/cards?caller=%2B79180000002", "sup-all"))).containsExactly(2L);
        assertThat(numbers(client.get("/api/cards?topic=" + enc("Выплаты"), "sup-all"))).containsExactly(3L, 1L);
        assertThat(numbers(client.get("/api/cards?operator=op-9", "sup-all"))).containsExactly(4L);
        assertThat(numbers(client.get("/api/cards?from=2023-11-22T10:07:00Z&to=2023-11-22T10:09:00Z", "sup-all")))
                .containsExactly(3L, 2L);
        assertThat(numbers(client.get("/api/cards?from=2023-11-22&to=2023-11-22", "sup-all"))).hasSize(4);
        assertThat(numbers(client.get("/api/cards?limit=1", "sup-all"))).containsExactly(4L);
        HttpResponse<String> bad = client.get("/api/cards?from=yesterday", "sup-all");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("yesterday");
        assertThat(client.get("/api/cards?colour=red", "sup-all").statusCode()).isEqualTo(400);
    }

    @Test
    void everyViewIsWrittenToTheAuditLog() throws Exception {
        client.get("/api/cards/1", "op2");
        client.get("/api/cards/2", "op17");
        client.get("/api/cards", "sup-krd");
        client.get("/api/cards/1", null);
        List<String> lines = Files.readAllLines(dir.resolve("audit.log"));
        assertThat(lines).contains(
                "2026-11-28T12:00:00Z account=op2 role=second-line-operator action=view-card card=1 status=200 remote=127.0.0.1",
                "2026-11-28T12:00:00Z account=op17 role=first-line-operator action=view-card card=2 status=403 remote=127.0.0.1",
                "2026-11-28T12:00:00Z account=sup-krd role=supervisor action=list-cards card=2-cards status=200 remote=127.0.0.1",
                "2026-11-28T12:00:00Z account=- role=- action=GET /api/cards/1 card=- status=401 remote=127.0.0.1");
        assertThat(String.join("\n", lines)).doesNotContain("029-478");
    }

    @Test
    void theRecordingIsAStereoWav() throws Exception {
        HttpResponse<byte[]> r = client.bytes("/api/cards/1/recording", "sup-krd");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("audio/wav");
        byte[] wav = r.body();
        assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(wav[22]).as("channels").isEqualTo((byte) 2);
        assertThat(wav.length - 44).isEqualTo(229_000 * 8 * 4);
        assertThat(Files.readString(dir.resolve("audit.log"))).contains("account=sup-krd role=supervisor action=recording card=1 status=200");
    }

    @Test
    void R31_R6_anOperatorAddsFieldsAndTheNextLevelSeesThem() throws Exception {
        HttpResponse<String> r = client.post("/api/cards/1/notes", "op17",
                "{\"questions\":\"Когда придёт выплата?\",\"topics\":\"Выплаты;Справки\",\"source\":\"База знаний\"}");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(published).containsExactly(new Input.OperatorNote(1, "op-17",
                Map.of("questions", "Когда придёт выплата?", "topics", "Выплаты;Справки", "source", "База знаний")));
        JsonNode card = JSON.readTree(client.get("/api/cards/1", "op2").body());
        assertThat(card.get("fields").get("questions").asText()).isEqualTo("Когда придёт выплата?");
        assertThat(card.get("topics").toString()).contains("Справки");

        assertThat(client.post("/api/cards/1/notes", "op17", "{\"salary\":\"1\"}").statusCode()).isEqualTo(400);
        assertThat(client.post("/api/cards/1/notes", "op17", "not json").statusCode()).isEqualTo(400);
        assertThat(client.post("/api/cards/2/notes", "op17", "{\"comment\":\"x\"}").statusCode()).isEqualTo(403);
        assertThat(published).hasSize(1);
    }

    @Test
    void R20_anOperatorBooksACallBackOnTheirCardAndBadTimesAreRefused() throws Exception {
        // the test clock stands at 2026-11-28T12:00Z
        HttpResponse<String> r = client.post("/api/cards/1/callback", "op2", "{\"at\":\"2026-11-30T10:00:00+03:00\",\"note\":\"справка о пенсии\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(JSON.readTree(r.body()).get("at").asText()).isEqualTo("2026-11-30T07:00:00Z");
        assertThat(published).containsExactly(new Input.CallbackBooked(1, "op-2", Instant.parse("2026-11-30T07:00:00Z").toEpochMilli(),
                "справка о пенсии"));

        assertThat(client.post("/api/cards/1/callback", "op2", "{\"at\":\"2026-11-27T10:00:00+03:00\"}").body()).contains("in the future");
        assertThat(client.post("/api/cards/1/callback", "op2", "{\"at\":\"2026-11-30 10:00\"}").body()).contains("with its offset");
        assertThat(client.post("/api/cards/1/callback", "op2", "{\"note\":\"x\"}").body()).contains("'at' is required");
        assertThat(client.post("/api/cards/1/callback", "op2", "{\"at\":\"2026-11-30T10:00:00+03:00\",\"number\":\"+79990000000\"}").body())
                .contains("unknown field 'number'"); // the number to call is the card's, never the request's
        assertThat(client.post("/api/cards/1/callback", "op2", "[1]").statusCode()).isEqualTo(400);
        assertThat(client.post("/api/cards/2/callback", "op2", "{\"at\":\"2026-11-30T10:00:00+03:00\"}").statusCode()).isEqualTo(403);
        assertThat(client.post("/api/cards/1/callback", "sup-all", "{\"at\":\"2026-11-30T10:00:00+03:00\"}").statusCode()).isEqualTo(403);
        assertThat(client.get("/api/cards/1/callback", "op2").statusCode()).isEqualTo(405);
        assertThat(published).hasSize(1);
        assertThat(Files.readString(dir.resolve("audit.log")))
                .contains("account=op2 role=second-line-operator action=book-callback card=1 status=202")
                .contains("account=op2 role=second-line-operator action=book-callback card=2 status=403");
    }

    @Test
    void R24_onlyASupervisorAssignsADeferredRequestAndOnlyWithinTheirCenter() throws Exception {
        HttpResponse<String> r = client.post("/api/cards/1/assign", "sup-krd", "{\"agent\":\"op-2\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(published).containsExactly(new Input.SupervisorAssigned(1, "op-2"));

        assertThat(client.post("/api/cards/1/assign", "op2", "{\"agent\":\"op-2\"}").statusCode()).isEqualTo(403);
        assertThat(client.post("/api/cards/4/assign", "sup-krd", "{\"agent\":\"op-2\"}").statusCode()).isEqualTo(403); // a Moscow card
        assertThat(client.post("/api/cards/1/assign", "sup-krd", "{\"agent\":\"op 2; drop\"}").statusCode()).isEqualTo(400);
        assertThat(client.post("/api/cards/1/assign", "sup-krd", "{}").statusCode()).isEqualTo(400);
        assertThat(client.post("/api/cards/99/assign", "sup-krd", "{\"agent\":\"op-2\"}").statusCode()).isEqualTo(404);
        assertThat(published).hasSize(1);
        assertThat(Files.readString(dir.resolve("audit.log"))).contains("account=sup-krd role=supervisor action=assign card=1 status=202");
    }

    @Test
    void theOpenApiDescriptionIsServedBeside() throws Exception {
        HttpResponse<String> r = client.get("/openapi.json", null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = JSON.readTree(r.body());
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(doc.get("paths").has("/api/cards/{number}/recording")).isTrue();
        assertThat(doc.get("paths").has("/api/cards/{number}/callback")).isTrue();
        assertThat(doc.get("paths").has("/api/cards/{number}/assign")).isTrue();
    }

    private static String field(HttpResponse<String> r, String name) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("fields").get(name).asText();
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static List<CardEvent> servedByTwoLines(long n, long t) {
        return List.of(
                new CardOpened(n, t, "+78612000000", "Краснодарский край", Direction.INBOUND, Channel.VOICE, "+78001000001"),
                new RobotDialogStarted(n, t + 36_000),
                new RobotDialogEnded(n, t + 70_000, RobotOutcome.FIRST_LINE, "Пенсия", 34_000),
                new OperatorConnected(n, t + 130_000, "op-17", "Пилипон Юлия", "25722", "СФР-1 линия", Line.FIRST, 60_000),
                new OperatorNote(n, t + 150_000, "op-17", Map.of("snils", "029-478-248 91", "topics", "Выплаты",
                        "comment", "СНИЛС 029-478-248 91 проверен")),
                new OperatorReleased(n, t + 167_000, "op-17", 37_000),
                new OperatorConnected(n, t + 187_000, "op-2", "Иванова Анна", null, "ОСФР Краснодарский край, 2 линия", Line.SECOND, 20_000),
                new CallEnded(n, t + 229_000, "caller hung up"),
                new CardClosed(n, t + 229_000, "served", null, 229_000));
    }

    private static List<CardEvent> answeredByRobot(long n, long t, String caller) {
        return List.of(
                new CardOpened(n, t, caller, null, Direction.INBOUND, Channel.VOICE, "+78001000001"),
                new RobotDialogStarted(n, t + 1_000),
                new RobotDialogEnded(n, t + 30_000, RobotOutcome.ANSWERED, "Маткапитал", 29_000),
                new CallEnded(n, t + 31_000, "robot said goodbye"),
                new CardClosed(n, t + 31_000, "answered-by-robot", null, 31_000));
    }
}
