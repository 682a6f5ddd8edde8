package ekc.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ekc.config.ConfigLoader;
import ekc.config.EkcConfig;
import ekc.recordings.Card;
import ekc.recordings.CardFilter;
import ekc.recordings.Cards;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Yana over a real SIP call: the built-in caller speaks recorded espeak-ng questions over RTP to a
 * real EKC; Vosk (the real small English model the build unpacks) recognises them; the card shows
 * the transcript, the topic and where the call went.
 */
class RobotCallTest {

    @TempDir
    static Path data;

    static Ekc ekc;

    @BeforeAll
    static void start() {
        Path model = Path.of(System.getProperty("ekc.root", ".."), "models", "vosk-model-en-us");
        EkcConfig config = ConfigLoader.withOverrides(ConfigLoader.embedded(), Map.of("sip.port", 0,
                "robot.enabled", true, "robot.language", "en", "robot.modelDir", model.toString()));
        ekc = Ekc.start(config, data.resolve("journal"));
    }

    @AfterAll
    static void stop() {
        ekc.close();
    }

    @Test
    void aQuestionIsAnsweredAndAnOperatorRequestGoesToFirstLine_R2_R4_R30() {
        DemoCaller caller = new DemoCaller(new InetSocketAddress("127.0.0.1", ekc.sipPort()), "88001000001");
        CompletableFuture<DemoCaller.Result> asks = CompletableFuture.supplyAsync(() ->
                caller.call("+78612000001", List.of(Utterances.load("en/retirement-age"), Utterances.load("en/no")), 90_000));
        CompletableFuture<DemoCaller.Result> wantsOperator = CompletableFuture.supplyAsync(() ->
                caller.call("+74952000002", List.of(Utterances.load("en/operator")), 40_000));

        assertThat(asks.join().ok()).isTrue();
        assertThat(wantsOperator.join().ok()).isTrue();

        Card answered = closedCardOf("+78612000001");
        assertThat(answered.transcript()).anySatisfy(u -> {
            assertThat(u.fromCaller()).isTrue();
            assertThat(u.text()).contains("retirement");
        });
        assertThat(answered.topics()).anySatisfy(t -> assertThat(t).startsWith("sfr.pension"));
        assertThat(answered.robotMillis()).isPositive();

        Card toOperator = closedCardOf("+74952000002");
        assertThat(toOperator.transcript()).anySatisfy(u -> assertThat(u.text()).contains("operator"));
        assertThat(toOperator.timeline()).extracting(Card.Entry::text).anySatisfy(t -> assertThat(t).contains("FIRST_LINE"));
    }

    private static Card closedCardOf(String caller) {
        try (Cards cards = Cards.open(data.resolve("journal"))) {
            Card[] found = new Card[1];
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                cards.refresh();
                List<Card> list = cards.list(CardFilter.all().withCaller(caller));
                found[0] = list.isEmpty() ? null : list.get(0);
                return found[0] != null && found[0].closed();
            });
            return found[0];
        }
    }
}
