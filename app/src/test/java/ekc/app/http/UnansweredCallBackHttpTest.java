package ekc.app.http;

import static ekc.app.http.ApiClient.JSON;
import static ekc.app.http.ApiClient.numbers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ekc.config.HttpConfig;
import ekc.engine.AgentSpec;
import ekc.engine.CardEvent;
import ekc.engine.Channel;
import ekc.engine.Command;
import ekc.engine.Direction;
import ekc.engine.Engine;
import ekc.engine.EngineSettings;
import ekc.engine.Input;
import ekc.engine.Outputs;
import ekc.engine.Participant;
import ekc.engine.RobotOutcome;
import ekc.engine.Skill;
import ekc.recordings.Card;
import ekc.recordings.Cards;
import ekc.recordings.Journal;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R28, R29 through the HTTP API over a real socket: each line's call-back list, and an operator calling an
 * unanswered citizen back. The real engine journals into the real journal; it runs on the HTTP worker that
 * publishes (serialised here) instead of behind its ring, which is the one stand-in.
 */
class UnansweredCallBackHttpTest {

    private static final long T0 = Instant.parse("2026-12-01T08:00:00Z").toEpochMilli();
    private static final String KRD = "Краснодарский край";
    private static final Skill SFR1 = Skill.firstLine(Participant.SFR);
    private static final Skill KRD2 = Skill.secondLine(Participant.SFR, KRD);

    @TempDir
    Path dir;

    private Journal journal;
    private Engine engine;
    private Cards cards;
    private HttpApi api;
    private final List<Object> commands = new CopyOnWriteArrayList<>();
    private ApiClient client;

    @BeforeEach
    void start() {
        journal = Journal.open(dir.resolve("journal"));
        EngineSettings settings = EngineSettings.defaults().withRobot(true).withAgents(List.of(
                new AgentSpec("op-17", "Смирнова Ольга", "21017", List.of(SFR1), 5),
                new AgentSpec("op-2", "Кузнецова Анна", "31002", List.of(KRD2), 5)));
        engine = new Engine(new Outputs() {
            @Override
            public void command(Command command) {
                commands.add(command);
            }

            @Override
            public void fact(CardEvent event) {
                journal.append(event);
            }
        }, settings);
        // 1: gave up waiting for the first line; 2: for Krasnodar's second line; nobody was logged in (R28)
        input(T0, new Input.CallOffered(1, "+79000000001", "+78001000001", null, Channel.VOICE, Direction.INBOUND));
        input(T0, new Input.RobotFinished(1, RobotOutcome.FIRST_LINE, "SFR", null, null));
        input(T0 + 20_000, new Input.CallerHungUp(1, "BYE"));
        input(T0 + 30_000, new Input.CallOffered(2, "+78612000002", "+78001000001", KRD, Channel.VOICE, Direction.INBOUND));
        input(T0 + 30_000, new Input.RobotFinished(2, RobotOutcome.SECOND_LINE, "SFR", KRD, "pension"));
        input(T0 + 50_000, new Input.CallerHungUp(2, "BYE"));
        input(T0 + 60_000, new Input.AgentLoggedIn("op-17"));
        input(T0 + 60_000, new Input.AgentLoggedIn("op-2"));
        cards = Cards.open(dir.resolve("journal"));
        AtomicLong ids = new AtomicLong(1_000);
        api = HttpApi.start(new HttpConfig(true, "127.0.0.1", 0, null, ApiClient.accounts()), cards, dir.resolve("journal"),
                dir.resolve("audit.log"), in -> input(T0 + 120_000, in), Clock.fixed(Instant.ofEpochMilli(T0 + 120_000), ZoneOffset.UTC),
                new HttpApi.CallBacks(ids::incrementAndGet, Map.of("op-17", Set.of(SFR1.name()), "op-2", Set.of(KRD2.name()))));
        client = new ApiClient(api);
    }

    private synchronized void input(long at, Input in) {
        engine.onInput(at, in);
        journal.flush();
    }

    @AfterEach
    void stop() {
        api.close();
        cards.close();
        journal.close();
    }

    @Test
    void eachLineListsItsOwnUnansweredRequests_R28_R29() throws Exception {
        assertThat(numbers(client.get("/api/unanswered", "op17"))).containsExactly(1L);
        assertThat(numbers(client.get("/api/unanswered", "op2"))).containsExactly(2L);
        assertThat(numbers(client.get("/api/unanswered", "sup-krd"))).containsExactly(2L);
        assertThat(numbers(client.get("/api/unanswered", "sup-all"))).containsExactly(2L, 1L);
        assertThat(client.get("/api/unanswered", "admin").statusCode()).isEqualTo(403);
        assertThat(client.get("/api/unanswered?caller=x", "op2").statusCode()).isEqualTo(400);
        assertThat(client.post("/api/unanswered", "op2").statusCode()).isEqualTo(405);
    }

    @Test
    void anOperatorCallsAnUnansweredCitizenOfTheirLineBack_R29() throws Exception {
        assertThat(client.post("/api/unanswered/2/call", "op17").statusCode()).as("another line's request").isEqualTo(403);
        assertThat(client.post("/api/unanswered/2/call", "sup-all").statusCode()).as("not an operator").isEqualTo(403);
        assertThat(client.post("/api/unanswered/99/call", "op2").statusCode()).isEqualTo(404);
        assertThat(commands).noneMatch(c -> c instanceof Command.DialCitizen);

        HttpResponse<String> r = client.post("/api/unanswered/2/call", "op2");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("request").asLong()).isEqualTo(2);
        long callBack = body.get("card").asLong();
        assertThat(callBack).isEqualTo(1_001);
        // EKC rings op-2, then dials the number on card 2: nothing in the request names a number
        assertThat(commands).contains(new Command.DialCitizen(callBack, "op-2", "+78612000002"));

        Card request = cards.get(2).orElseThrow();
        assertThat(request.calledBackIn()).isEqualTo(callBack);
        Card outbound = cards.get(callBack).orElseThrow();
        assertThat(outbound.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(outbound.callbackOf()).isEqualTo(2);
        assertThat(numbers(client.get("/api/unanswered", "op2"))).isEmpty();
        HttpResponse<String> again = client.post("/api/unanswered/2/call", "op2");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("called back already, in card 1001");
        assertThat(client.post("/api/unanswered/1/call", "op2").statusCode()).as("first line's list").isEqualTo(403);
        assertThat(java.nio.file.Files.readString(dir.resolve("audit.log")))
                .contains("account=op2 role=second-line-operator action=call-back card=2 status=202");
    }
}
