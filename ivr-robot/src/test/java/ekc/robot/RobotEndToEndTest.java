package ekc.robot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ekc.config.RobotConfig;
import ekc.engine.Input;
import ekc.engine.RobotOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Yana at the audio level with the real small English Vosk model and the English sample knowledge
 * base: the caller's speech is espeak-ng, resampled to 16 kHz, fed in 20 ms frames with a VAD flag
 * as the media module does. The model is loaded once for the class.
 */
class RobotEndToEndTest {

    private static final AtomicLong CALLS = new AtomicLong(100);
    private static final List<Input> engine = new CopyOnWriteArrayList<>();
    private static final List<ReplyTiming> timings = new CopyOnWriteArrayList<>();
    private static Voices voices;
    private static Robot robot;

    @BeforeAll
    static void loadModel() {
        voices = new Voices();
        robot = new Robot(new RobotConfig("en", modelDir().toString(), true, null, null, 2, 2), engine::add, voices);
        robot.onReplyTiming(timings::add);
    }

    @AfterAll
    static void close() {
        robot.close();
        voices.close();
    }

    static Path modelDir() {
        return Path.of(System.getProperty("ekc.vosk.model.en", "target/vosk-model-en"));
    }

    @Test
    void askingForAnOperatorGoesToTheFirstLine_R5() {
        long call = greeted(null);
        new Caller(robot, call).says("en", "I want to talk to an operator");
        Input.RobotFinished done = finished(call);
        assertThat(done.outcome()).isEqualTo(RobotOutcome.FIRST_LINE);
        assertThat(voices.prompts(call)).last().isEqualTo("en/to-first-line");
        assertThat(utterances(call)).anySatisfy(u -> assertThat(u.text()).contains("operator"));
    }

    @Test
    void aPensionQuestionIsAnsweredWithTranscriptAndTopic_R2_R7_R30() {
        long call = greeted(null);
        Caller caller = new Caller(robot, call);
        caller.says("en", "What is the retirement age?");
        await().atMost(Duration.ofSeconds(20)).until(() -> voices.prompts(call).contains("en/anything-else"));
        assertThat(voices.prompts(call)).containsSubsequence("en/greeting", "en/q-pension-age", "en/anything-else");
        assertThat(said(call)).anySatisfy(s -> {
            assertThat(s.promptId()).isEqualTo("en/q-pension-age");
            assertThat(s.text()).contains("sixty five for men");
        });
        caller.says("en", "No, thank you.");
        Input.RobotFinished done = finished(call);
        assertThat(done.outcome()).isEqualTo(RobotOutcome.ANSWERED);
        assertThat(done.topic()).isEqualTo("sfr.pension.old-age.age");
        assertThat(done.participant()).isEqualTo("SFR");
        assertThat(utterances(call)).first().satisfies(u -> {
            assertThat(u.text()).contains("retirement age");
            assertThat(u.confidence()).isBetween(0.5f, 1f);
        });
    }

    @Test
    void aQuestionClearBeforeTheCallerStopsIsAnsweredEarlyAndTheCardGetsTheFinalTranscript_R30() {
        long call = greeted(null);
        // the small model hears "lost my job" about 1.6 s before the caller stops
        new Caller(robot, call).says("en", "I lost my job and I need some help with it.");
        ReplyTiming reply = await().atMost(Duration.ofSeconds(20)).until(() -> timings.stream()
                .filter(t -> t.callId() == call).findFirst().orElse(null), t -> t != null);
        assertThat(reply.prompt()).isEqualTo("en/q-unemployment");
        assertThat(reply.early()).isTrue();
        assertThat(reply.aheadMillis()).isGreaterThanOrEqualTo(500); // the rest of the sentence, on the caller's clock
        assertThat(reply.finalAgrees()).isTrue();
        assertThat(voices.prompts(call)).containsSubsequence("en/greeting", "en/q-unemployment", "en/anything-else");
        assertThat(voices.stopped).doesNotContain(call); // the rest of the question does not barge in on its own answer
        assertThat(utterances(call)).singleElement().satisfies(u -> assertThat(u.text()).contains("lost my job").contains("need"));
        assertThat(finishedOrNull(call)).isNull(); // she listens on after asking for anything else
        robot.stop(call);
    }

    @Test
    void aQuestionNotClearEnoughOnItsPartialsWaitsForTheFinalResult() {
        long call = greeted(null);
        // its partials match maternity capital at 0.55-0.67, under the early threshold; the final does at 0.55
        new Caller(robot, call).says("en", "Tell me about maternity capital for my family please.");
        ReplyTiming reply = await().atMost(Duration.ofSeconds(20)).until(() -> timings.stream()
                .filter(t -> t.callId() == call).findFirst().orElse(null), t -> t != null);
        assertThat(reply.prompt()).isEqualTo("en/q-maternity-capital");
        assertThat(reply.early()).isFalse();
        assertThat(reply.aheadMillis()).isZero();
        assertThat(reply.played()).isGreaterThanOrEqualTo(reply.recognized());
        assertThat(reply.recognized()).isGreaterThanOrEqualTo(reply.endRun());
        robot.stop(call);
    }

    @Test
    void aPersonalQuestionAsksTheRegionThenGoesToThatRegionsSecondLine_R3() {
        long call = greeted(null);
        Caller caller = new Caller(robot, call);
        caller.says("en", "How much is my pension?");
        await().atMost(Duration.ofSeconds(20)).until(() -> voices.prompts(call).contains("en/ask-region"));
        caller.says("en", "Krasnodar");
        Input.RobotFinished done = finished(call);
        assertThat(done.outcome()).isEqualTo(RobotOutcome.SECOND_LINE);
        assertThat(done.region()).isEqualTo("Краснодарский край");
        assertThat(done.participant()).isEqualTo("SFR");
        assertThat(done.topic()).isEqualTo("sfr.pension.old-age.amount");
        assertThat(voices.prompts(call)).last().isEqualTo("en/to-second-line");
        assertThat(voices.prompts(call)).doesNotContain("en/q-pension-amount"); // never personal data from the robot (R2)
    }

    @Test
    void theRegionFromTheCallersNumberIsNotAskedAgain_R3() {
        long call = greeted("Республика Татарстан");
        new Caller(robot, call).says("en", "How much is my pension?");
        Input.RobotFinished done = finished(call);
        assertThat(done.outcome()).isEqualTo(RobotOutcome.SECOND_LINE);
        assertThat(done.region()).isEqualTo("Республика Татарстан");
        assertThat(voices.prompts(call)).doesNotContain("en/ask-region");
    }

    @Test
    void twoUnrecognisedUtterancesGoToTheFirstLineOnly_R4() {
        long call = greeted(null);
        Caller caller = new Caller(robot, call);
        caller.says("en", "Purple elephants are dancing on the moon.");
        await().atMost(Duration.ofSeconds(20)).until(() -> voices.prompts(call).contains("en/not-understood"));
        caller.says("en", "Purple elephants are dancing on the moon.");
        Input.RobotFinished done = finished(call);
        assertThat(done.outcome()).isEqualTo(RobotOutcome.FIRST_LINE);
        assertThat(done.topic()).isNull();
        assertThat(done.participant()).isNull();
        assertThat(utterances(call)).hasSize(2);
    }

    @Test
    void anUnclearRegionTwiceGoesToTheFirstLineByTopic_R5_R30() {
        long call = greeted(null);
        Caller caller = new Caller(robot, call);
        caller.says("en", "How much is my pension?");
        await().atMost(Duration.ofSeconds(20)).until(() -> voices.prompts(call).contains("en/ask-region"));
        caller.says("en", "Banana");
        await().atMost(Duration.ofSeconds(20)).until(() -> voices.prompts(call).contains("en/region-not-understood"));
        caller.says("en", "Banana");
        Input.RobotFinished done = finished(call);
        assertThat(done.outcome()).isEqualTo(RobotOutcome.FIRST_LINE);
        assertThat(done.topic()).isEqualTo("sfr.pension.old-age.amount");
        assertThat(done.participant()).isEqualTo("SFR");
        // every utterance is on the card, the ones not understood too (R30)
        assertThat(utterances(call)).hasSize(3);
        assertThat(utterances(call).subList(1, 3)).allSatisfy(u -> assertThat(u.text()).isEqualTo("[unk]"));
    }

    @Test
    void theDtmfMenuSendsAPensionCallerToTheFirstLineByTopic_R5() {
        long call = greeted(null);
        robot.onDtmf(call, '1');
        Input.RobotFinished done = finished(call);
        assertThat(done.outcome()).isEqualTo(RobotOutcome.FIRST_LINE);
        assertThat(done.topic()).isEqualTo("sfr.pension");
        assertThat(done.participant()).isEqualTo("SFR");
    }

    @Test
    void aScenarioFollowsTheAnswerAndYesLeadsToTheNextAnswer_R11() {
        long call = greeted(null);
        Caller caller = new Caller(robot, call);
        caller.says("en", "How do I apply for a pension?");
        await().atMost(Duration.ofSeconds(20)).until(() -> voices.prompts(call).contains("en/s-pension-documents.offer"));
        caller.says("en", "Yes");
        await().atMost(Duration.ofSeconds(20)).until(() -> voices.prompts(call).contains("en/anything-else"));
        assertThat(voices.prompts(call)).containsSubsequence("en/q-pension-apply", "en/s-pension-documents.offer",
                "en/q-pension-documents", "en/anything-else");
        robot.stop(call);
        assertThat(finished(call).outcome()).isEqualTo(RobotOutcome.CALLER_GONE);
    }

    @Test
    void anUtteranceTheHangUpCutsOffStillGoesOnTheCardBeforeHerRobotFinished_R30() {
        long call = greeted(null);
        new Caller(robot, call).startsSaying("en", "I would like to ask you about the weather in my town");
        robot.stop(call);
        Input.RobotFinished done = finished(call);
        assertThat(done.outcome()).isEqualTo(RobotOutcome.CALLER_GONE);
        assertThat(utterances(call)).singleElement().satisfies(u -> assertThat(u.text()).contains("weather"));
        List<Input> mine = engine.stream().filter(i -> i instanceof Input.RobotUtterance u && u.callId() == call
                || i instanceof Input.RobotFinished f && f.callId() == call).toList();
        assertThat(mine.get(mine.size() - 1)).isSameAs(done); // the utterance first: the engine closes the card on done
    }

    @Test
    void theCallerTalkingOverAPromptStopsIt() {
        long call = CALLS.incrementAndGet();
        voices.held.add(call);
        robot.start(call, "en", null);
        await().atMost(Duration.ofSeconds(5)).until(() -> voices.prompts(call).contains("en/greeting"));
        new Caller(robot, call).says("en", "What is the retirement age?");
        await().atMost(Duration.ofSeconds(20)).until(() -> voices.prompts(call).contains("en/q-pension-age"));
        assertThat(voices.stopped).contains(call);
        robot.stop(call);
    }

    @Test
    void silenceTwiceWithNoAnswerGoesToTheFirstLine_R5() {
        long call = greeted(null);
        Caller caller = new Caller(robot, call);
        caller.silence(8_200);
        await().atMost(Duration.ofSeconds(5)).until(() -> voices.prompts(call).contains("en/no-input"));
        caller.silence(8_200);
        assertThat(finished(call).outcome()).isEqualTo(RobotOutcome.FIRST_LINE);
    }

    @Test
    void aMissingModelIsAStartUpErrorNamingThePathAndWhereToGetOne(@TempDir Path dir) {
        Path missing = dir.resolve("vosk-model-small-ru");
        assertThatThrownBy(() -> new Robot(new RobotConfig("ru", missing.toString()), engine::add, voices))
                .isInstanceOf(SpeechModelException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("vosk-model-small-ru")
                .hasMessageContaining("https://alphacephei.com/vosk/models");
    }

    @Test
    void anAnswerWithNoRecordingStopsStartUpRatherThanPlaySilence(@TempDir Path dir) throws java.io.IOException {
        for (String file : List.of("topics", "questions", "scenarios", "dialog")) {
            try (var in = Robot.class.getResourceAsStream("/ekc/kb/en/" + file + ".yaml")) {
                java.nio.file.Files.write(dir.resolve(file + ".yaml"), in.readAllBytes());
            }
        }
        java.nio.file.Files.writeString(dir.resolve("questions.yaml"), String.join("\n", "",
                "  - id: q-nobody-recorded",
                "    topic: sfr.pension.old-age.age",
                "    asked: [a question nobody recorded]",
                "    answer: An answer with no WAV.",
                "    rules: [none]", ""), java.nio.file.StandardOpenOption.APPEND);
        RobotConfig config = new RobotConfig("en", modelDir().toString(), true, dir.toString(), null, 2, 1);
        assertThatThrownBy(() -> new Robot(config, engine::add, voices))
                .isInstanceOf(KnowledgeBaseException.class)
                .hasMessageContaining("en/q-nobody-recorded")
                .hasMessageContaining("scripts/make-robot-prompts.sh");
    }

    /** A new call, greeted; the greeting has been played. */
    private static long greeted(String callerRegion) {
        long call = CALLS.incrementAndGet();
        robot.start(call, "en", callerRegion);
        await().atMost(Duration.ofSeconds(5)).until(() -> voices.prompts(call).contains("en/greeting"));
        return call;
    }

    private static Input.RobotFinished finished(long call) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> engine.stream()
                .filter(i -> i instanceof Input.RobotFinished f && f.callId() == call)
                .map(i -> (Input.RobotFinished) i).findFirst().orElse(null), f -> f != null);
    }

    private static Input.RobotFinished finishedOrNull(long call) {
        return engine.stream().filter(i -> i instanceof Input.RobotFinished f && f.callId() == call)
                .map(i -> (Input.RobotFinished) i).findFirst().orElse(null);
    }

    private static List<Input.RobotUtterance> utterances(long call) {
        return engine.stream().filter(i -> i instanceof Input.RobotUtterance u && u.callId() == call)
                .map(i -> (Input.RobotUtterance) i).toList();
    }

    private static List<Input.RobotSaid> said(long call) {
        return engine.stream().filter(i -> i instanceof Input.RobotSaid s && s.callId() == call)
                .map(i -> (Input.RobotSaid) i).toList();
    }
}
