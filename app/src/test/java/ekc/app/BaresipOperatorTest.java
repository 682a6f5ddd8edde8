package ekc.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ekc.config.ConfigLoader;
import ekc.config.EkcConfig;
import ekc.engine.Input;
import ekc.engine.Line;
import ekc.recordings.Card;
import ekc.recordings.CardFilter;
import ekc.recordings.Cards;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real operator's softphone end to end: Debian's baresip registers with EKC's registrar (digest
 * auth), a citizen calls and asks Yana for an operator, EKC rings baresip, which answers by
 * itself; audio flows both ways through EKC's media bridge (baresip's microphone is a 600 Hz tone
 * the caller must hear; the caller then sends a 1 kHz tone that baresip must record); the operator
 * hangs up and the card shows the operator's leg.
 *
 * <p>Digest with MD5 only ({@code sip.digestAlgorithms: [MD5]}): baresip 1.0.0, the version Debian
 * 12 ships, answers no challenge at all when a SHA-256 one is among them ("Register: Function not
 * implemented"), whatever their order; SHA-256 digest is covered by {@code RegistrarTest} and
 * {@code OperatorLegTest}.
 */
class BaresipOperatorTest {

    private static final double OPERATOR_HZ = 600;
    private static final double CALLER_HZ = 1000;

    @TempDir
    Path data;

    @Test
    void baresipRegistersAnswersARoutedCallAndAudioFlowsBothWays_R4_R32() throws Exception {
        Path model = Path.of(System.getProperty("ekc.root", ".."), "models", "vosk-model-en-us");
        EkcConfig config = ConfigLoader.withOverrides(ConfigLoader.embedded(), Map.of(
                "sip.port", 0,
                "sip.digestAlgorithms", List.of("MD5"),
                "robot.enabled", true, "robot.language", "en", "robot.modelDir", model.toString(),
                "agents", List.of(Map.of("id", "25722", "name", "Смирнова Анна", "extension", "25722",
                        "skills", List.of("СФР-1 линия", "Роструд-1 линия", "МСЭ-1 линия", "ОСЗН-1 линия"), "proficiency", 7))));
        try (Ekc ekc = Ekc.start(config, data.resolve("journal"));
             // the demo account of the embedded config: 25722 / demo25722
             Baresip phone = Baresip.start(data.resolve("baresip"), "<sip:25722@127.0.0.1:" + ekc.sipPort()
                     + ";transport=udp>;auth_pass=demo25722;answermode=auto", Goertzel.tone(OPERATOR_HZ, 60))) {

            await("baresip registered").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> phone.command("reginfo").contains("OK"));

            try (ToneCaller caller = new ToneCaller(new InetSocketAddress("127.0.0.1", ekc.sipPort()), "+78612000001",
                    "88001000001", Utterances.load("en/operator"), CALLER_HZ, OPERATOR_HZ)) {
                caller.start();
                await("baresip answered the call EKC routed to it\n" + phone.log())
                        .atMost(Duration.ofSeconds(30)).until(() -> phone.sawEvent("CALL_ESTABLISHED"));
                await("the caller heard the operator's tone, then sent 2 s of its own")
                        .atMost(Duration.ofSeconds(10)).until(() -> caller.toneFramesSent.get() >= 100);

                phone.command("hangup"); // the operator ends the call
                await("EKC hung up the caller").atMost(Duration.ofSeconds(5)).until(() -> caller.byeFromEkc);
                await("baresip closed the call").atMost(Duration.ofSeconds(5)).until(() -> phone.sawEvent("CALL_CLOSED"));
                assertThat(caller.finalStatus).isEqualTo(200);
                assertThat(caller.operatorToneFrames.get()).as("20 ms frames of the operator's tone the caller heard")
                        .isGreaterThanOrEqualTo(10);
            }

            short[] heard = phone.heard();
            int toneFrames = Goertzel.frames(heard, CALLER_HZ);
            assertThat(toneFrames).as("20 ms frames of the caller's 1 kHz tone in baresip's recording (%d samples)\n%s",
                    heard.length, phone.log()).isGreaterThanOrEqualTo(50); // 1 s of the ≥ 2 s sent
            assertThat(Goertzel.frames(heard, OPERATOR_HZ)).as("baresip does not hear its own tone back").isLessThan(10);

            ekc.ring.publish(new Input.WrapUpFinished("25722")); // the operator's post-processing, as the HTTP API would
            Card card = closedCard();
            assertThat(card.operatorIds()).containsExactly("25722");
            assertThat(card.activities()).anySatisfy(a -> {
                assertThat(a.agentId()).isEqualTo("25722");
                assertThat(a.line()).as("an operator asked for: first line (R4)").isEqualTo(Line.FIRST);
                assertThat(a.startedAt()).isPositive();
                assertThat(a.endedAt()).isGreaterThanOrEqualTo(a.startedAt());
            });
            assertThat(card.timeline()).extracting(Card.Entry::text).as("the card's timeline")
                    .anySatisfy(t -> assertThat(t).contains("25722"));
        }
    }

    private Card closedCard() {
        try (Cards cards = Cards.open(data.resolve("journal"))) {
            Card[] found = new Card[1];
            await("the closed card").atMost(Duration.ofSeconds(10)).until(() -> {
                cards.refresh();
                List<Card> list = cards.list(CardFilter.all());
                found[0] = list.size() == 1 ? list.get(0) : null;
                return found[0] != null && found[0].closed();
            });
            return found[0];
        }
    }
}
