package ekc.robot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ekc.engine.Participant;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KnowledgeBaseTest {

    @Test
    void theRussianSampleHasThirtyQuestionsAcrossAllFourParticipants_R8_R11() {
        KnowledgeBase kb = KnowledgeBaseLoader.embedded("ru");
        long answered = kb.questions().stream().filter(q -> q.action() == Question.Action.ANSWER).count();
        assertThat(answered).isGreaterThanOrEqualTo(30);
        Set<Participant> participants = kb.questions().stream().filter(q -> q.participant() != null)
                .map(Question::participant).collect(Collectors.toSet());
        assertThat(participants).isEqualTo(EnumSet.allOf(Participant.class));
        for (Participant p : Participant.values()) {
            assertThat(kb.questions().stream().filter(q -> q.participant() == p && q.personal())).as("personal questions of %s", p).isNotEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ru", "en"})
    void theClassifierHasFourLevelsAndEveryAnswerHasItsRules_R11(String language) {
        KnowledgeBase kb = KnowledgeBaseLoader.embedded(language);
        assertThat(kb.topics().values().stream().mapToInt(Topic::level).max()).hasValue(4);
        for (Question q : kb.questions()) {
            if (q.action() == Question.Action.ANSWER && !q.personal()) {
                assertThat(q.rules()).as(q.id()).isNotEmpty();
                assertThat(kb.topics().get(q.topic()).level()).as(q.id()).isEqualTo(4);
            }
        }
        assertThat(kb.scenarios()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ru", "en"})
    void everyPromptYanaCanSayIsAnEightKilohertzWav(String language) throws Exception {
        KnowledgeBase kb = KnowledgeBaseLoader.embedded(language);
        for (String name : kb.promptTexts().keySet()) {
            String resource = "/ekc/prompts/" + language + "/" + name + ".wav";
            try (InputStream in = Robot.class.getResourceAsStream(resource)) {
                assertThat(in).as(resource + " (run scripts/make-robot-prompts.sh)").isNotNull();
                ByteBuffer header = ByteBuffer.wrap(in.readNBytes(44)).order(ByteOrder.LITTLE_ENDIAN);
                assertThat(header.getShort(20)).as("PCM").isEqualTo((short) 1);
                assertThat(header.getShort(22)).as("mono").isEqualTo((short) 1);
                assertThat(header.getInt(24)).as(resource + " sample rate").isEqualTo(8000);
                assertThat(header.getShort(34)).as("bits").isEqualTo((short) 16);
            }
        }
    }

    @Test
    void anUnknownFieldNamesFileLineAndField(@TempDir Path dir) throws Exception {
        Path kb = copyOfEmbedded(dir, "en");
        replace(kb.resolve("questions.yaml"), "    personal: true\n", "    personal: true\n    persnal: true\n");
        assertThatThrownBy(() -> KnowledgeBaseLoader.load("en", kb))
                .isInstanceOf(KnowledgeBaseException.class)
                .hasMessageContaining(kb.resolve("questions.yaml") + ":" + lineOf(kb.resolve("questions.yaml"), "persnal"))
                .hasMessageMatching(".*field 'questions\\[\\d+]\\.persnal'.*unknown field.*");
    }

    @Test
    void aQuestionOnAnUnknownTopicNamesFileLineAndField(@TempDir Path dir) throws Exception {
        Path kb = copyOfEmbedded(dir, "en");
        replace(kb.resolve("questions.yaml"), "topic: sfr.pension.old-age.age", "topic: sfr.pension.old-age.agee");
        assertThatThrownBy(() -> KnowledgeBaseLoader.load("en", kb))
                .hasMessageContaining(kb.resolve("questions.yaml") + ":" + lineOf(kb.resolve("questions.yaml"), "agee"))
                .hasMessageContaining("field 'questions[0].topic'")
                .hasMessageContaining("no topic 'sfr.pension.old-age.agee'");
    }

    @Test
    void aFifthLevelTopicIsRejected_R11(@TempDir Path dir) throws Exception {
        Path kb = copyOfEmbedded(dir, "en");
        replace(kb.resolve("topics.yaml"), "                title: Pension age\n",
                "                title: Pension age\n                topics:\n                  - id: too.deep\n                    title: Too deep\n");
        assertThatThrownBy(() -> KnowledgeBaseLoader.load("en", kb))
                .hasMessageContaining(kb.resolve("topics.yaml") + ":" + lineOf(kb.resolve("topics.yaml"), "too.deep"))
                .hasMessageContaining("4 levels");
    }

    @Test
    void aScenarioLeadingNowhereAndAMissingPromptAreErrors(@TempDir Path dir) throws Exception {
        Path kb = copyOfEmbedded(dir, "en");
        replace(kb.resolve("scenarios.yaml"), "no: end", "no: nowhere");
        assertThatThrownBy(() -> KnowledgeBaseLoader.load("en", kb))
                .hasMessageContaining(kb.resolve("scenarios.yaml") + ":" + lineOf(kb.resolve("scenarios.yaml"), "nowhere"))
                .hasMessageContaining("field 'scenarios[0].steps[0].no'");
        replace(kb.resolve("scenarios.yaml"), "no: nowhere", "no: end");
        replace(kb.resolve("dialog.yaml"), "  goodbye: Thank you for calling. Goodbye.\n", "");
        assertThatThrownBy(() -> KnowledgeBaseLoader.load("en", kb))
                .hasMessageContaining(kb.resolve("dialog.yaml") + ":")
                .hasMessageContaining("prompt 'goodbye' is missing");
    }

    @Test
    void aRegionMustBeAFederalSubject(@TempDir Path dir) throws Exception {
        Path kb = copyOfEmbedded(dir, "en");
        replace(kb.resolve("dialog.yaml"), "omsk: Омская область", "omsk: Омская губерния");
        assertThatThrownBy(() -> KnowledgeBaseLoader.load("en", kb))
                .hasMessageContaining(kb.resolve("dialog.yaml") + ":" + lineOf(kb.resolve("dialog.yaml"), "губерния"))
                .hasMessageContaining("field 'regions.omsk'");
    }

    @Test
    void notYamlNamesTheLine(@TempDir Path dir) throws Exception {
        Path kb = copyOfEmbedded(dir, "en");
        Files.writeString(kb.resolve("scenarios.yaml"), "scenarios:\n  - id: [unclosed\n");
        assertThatThrownBy(() -> KnowledgeBaseLoader.load("en", kb)).hasMessageContaining(kb.resolve("scenarios.yaml") + ":")
                .hasMessageContaining("not YAML");
    }

    static Path copyOfEmbedded(Path dir, String language) throws Exception {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String f : KnowledgeBaseLoader.FILES) {
            try (InputStream in = Robot.class.getResourceAsStream("/ekc/kb/" + language + "/" + f)) {
                texts.put(f, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        Path kb = dir.resolve(language);
        Files.createDirectories(kb);
        for (Map.Entry<String, String> e : texts.entrySet()) {
            Files.writeString(kb.resolve(e.getKey()), e.getValue());
        }
        return kb;
    }

    private static void replace(Path file, String from, String to) throws Exception {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
    }

    private static int lineOf(Path file, String text) throws Exception {
        String[] lines = Files.readString(file).split("\n");
        return 1 + Arrays.asList(lines).indexOf(Arrays.stream(lines).filter(l -> l.contains(text)).findFirst().orElseThrow());
    }
}
