package ekc.robot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The robot's part of the expert system (R7, R11) for one language: the topic classifier, the
 * questions with answers and rules, the dialog scenarios, and what Yana says around them. Immutable;
 * shared by all dialogs. Loaded by {@link KnowledgeBaseLoader}.
 *
 * @param prompts   the dialog's own phrases by prompt name ({@link #REQUIRED_PROMPTS})
 * @param synonyms  groups of words or phrases that mean the same; the first of each group stands for all
 * @param yes       what counts as "yes" in a closed question
 * @param no        what counts as "no"
 * @param menu      the DTMF fallback menu: digit → topic id (0 is always the operator)
 * @param regions   spoken region names → the region's official name
 */
record KnowledgeBase(String language, Map<String, Topic> topics, List<Question> questions,
                     Map<String, Scenario> scenarios, Map<String, String> prompts, List<List<String>> synonyms,
                     List<String> yes, List<String> no, Map<Character, String> menu, Map<String, String> regions) {

    static final List<String> REQUIRED_PROMPTS = List.of(
            "greeting", "anything-else", "not-understood", "no-input", "ask-region", "region-not-understood",
            "yes-no-not-understood", "to-first-line", "to-second-line", "goodbye");

    Question question(String id) {
        for (Question q : questions) {
            if (q.id().equals(id)) {
                return q;
            }
        }
        return null;
    }

    /** Every prompt Yana may play, name → text: the dialog's phrases, the answers, the scenario steps. */
    Map<String, String> promptTexts() {
        Map<String, String> out = new LinkedHashMap<>(prompts);
        for (Question q : questions) {
            if (q.action() == Question.Action.ANSWER && !q.personal()) {
                out.put(q.id(), q.answer());
            }
        }
        for (Scenario s : scenarios.values()) {
            for (Scenario.Step step : s.steps().values()) {
                out.put(Scenario.promptOf(s.id(), step.id()), step.ask());
            }
        }
        return out;
    }

    /** The level-1 topic above {@code topicId}, or null. */
    Topic root(String topicId) {
        Topic t = topics.get(topicId);
        while (t != null && t.parent() != null) {
            t = topics.get(t.parent());
        }
        return t;
    }
}
