package ekc.robot;

import ekc.config.Region;
import ekc.config.Regions;
import ekc.engine.Participant;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a {@link KnowledgeBase} from the four YAML files of a language directory ({@code topics.yaml},
 * {@code questions.yaml}, {@code scenarios.yaml}, {@code dialog.yaml}) and checks every reference;
 * each error names file, line and field. Runs once, at start-up.
 */
final class KnowledgeBaseLoader {

    static final List<String> FILES = List.of("topics.yaml", "questions.yaml", "scenarios.yaml", "dialog.yaml");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.-]*");

    private final Map<String, Topic> topics = new LinkedHashMap<>();
    private final List<Question> questions = new ArrayList<>();
    private final Map<String, Scenario> scenarios = new LinkedHashMap<>();
    private final Map<String, YamlNode> thenNodes = new LinkedHashMap<>();

    private KnowledgeBaseLoader() {}

    /** The knowledge base embedded in the robot for {@code language} ({@code /ekc/kb/<language>/}). */
    static KnowledgeBase embedded(String language) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String f : FILES) {
            String resource = "/ekc/kb/" + language + "/" + f;
            try (InputStream in = KnowledgeBaseLoader.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new KnowledgeBaseException("embedded " + resource + ": missing (no knowledge base for language '" + language + "')");
                }
                texts.put("embedded " + resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new KnowledgeBaseException("embedded " + resource + ": cannot read: " + e.getMessage());
            }
        }
        return read(language, texts);
    }

    /** The knowledge base in {@code dir} (the four files). */
    static KnowledgeBase load(String language, Path dir) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String f : FILES) {
            Path file = dir.resolve(f);
            try {
                texts.put(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new KnowledgeBaseException(file + ": cannot read (robot.kbDir must hold " + String.join(", ", FILES) + "): " + e);
            }
        }
        return read(language, texts);
    }

    /** {@code texts}: file name (for errors) → content, in the order of {@link #FILES}. */
    static KnowledgeBase read(String language, Map<String, String> texts) {
        List<Map.Entry<String, String>> files = new ArrayList<>(texts.entrySet());
        if (files.size() != FILES.size()) {
            throw new IllegalArgumentException("expected " + FILES);
        }
        KnowledgeBaseLoader l = new KnowledgeBaseLoader();
        l.readTopics(parse(files.get(0)));
        l.readQuestions(parse(files.get(1)));
        l.readScenarios(parse(files.get(2)));
        return l.readDialog(language, parse(files.get(3)));
    }

    private static YamlNode parse(Map.Entry<String, String> file) {
        return YamlNode.parse(file.getKey(), file.getValue());
    }

    private void readTopics(YamlNode file) {
        YamlNode list = file.fields(Set.of("topics")).get("topics");
        if (list == null || list.items().isEmpty()) {
            throw file.error("at least one topic is needed under 'topics'");
        }
        for (YamlNode t : list.items()) {
            readTopic(t, null, 1);
        }
    }

    private void readTopic(YamlNode node, Topic parent, int level) {
        Map<String, YamlNode> f = node.fields(Set.of("id", "title", "participant", "topics"));
        String id = id(f, node);
        if (level > 4) {
            throw node.error("topic '" + id + "' is on level " + level + "; the classifier has 4 levels (тема > подтема > тематика > подтематика)");
        }
        if (topics.containsKey(id)) {
            throw f.get("id").error("topic '" + id + "' is defined twice");
        }
        String title = req(f, node, "title").text();
        Participant participant = parent != null ? parent.participant() : null;
        if (f.containsKey("participant")) {
            participant = participant(f.get("participant"));
        } else if (parent == null) {
            throw node.error("a level-1 topic needs a participant (SFR, ROSTRUD, MSE, OSZN)");
        }
        Topic topic = new Topic(id, title, level, parent != null ? parent.id() : null, participant);
        topics.put(id, topic);
        YamlNode children = f.get("topics");
        if (children != null) {
            for (YamlNode c : children.items()) {
                readTopic(c, topic, level + 1);
            }
        }
    }

    private void readQuestions(YamlNode file) {
        YamlNode list = file.fields(Set.of("questions")).get("questions");
        Set<String> ids = new HashSet<>();
        for (YamlNode q : list == null ? List.<YamlNode>of() : list.items()) {
            Map<String, YamlNode> f = q.fields(Set.of("id", "topic", "participant", "asked", "answer", "rules", "personal", "action", "then"));
            String id = id(f, q);
            if (!ids.add(id)) {
                throw f.get("id").error("question '" + id + "' is defined twice");
            }
            Question.Action action = Question.Action.ANSWER;
            if (f.containsKey("action")) {
                String a = f.get("action").text();
                try {
                    action = Question.Action.valueOf(a.toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw f.get("action").error("unknown action '" + a + "' (answer, operator, done)");
                }
            }
            String topic = f.containsKey("topic") ? f.get("topic").text() : null;
            if (topic != null && !topics.containsKey(topic)) {
                throw f.get("topic").error("no topic '" + topic + "' in the classifier");
            }
            if (topic == null && action == Question.Action.ANSWER) {
                throw q.error("question '" + id + "' needs a topic");
            }
            Participant participant = topic != null ? topics.get(topic).participant() : null;
            if (f.containsKey("participant")) {
                participant = participant(f.get("participant"));
            }
            boolean personal = f.containsKey("personal") && f.get("personal").bool(false);
            String answer = f.containsKey("answer") ? f.get("answer").text() : null;
            if (action == Question.Action.ANSWER && !personal && answer == null) {
                throw q.error("question '" + id + "' needs an answer (or personal: true)");
            }
            List<String> asked = req(f, q, "asked").texts(true);
            List<String> rules = f.containsKey("rules") ? f.get("rules").texts(false) : List.of();
            if (action == Question.Action.ANSWER && !personal && rules.isEmpty()) {
                throw q.error("question '" + id + "' needs the rules that justify its answer (R11)");
            }
            String then = f.containsKey("then") ? f.get("then").text() : null;
            if (then != null) {
                thenNodes.put(id, f.get("then"));
            }
            questions.add(new Question(id, topic, participant, asked, answer, rules, personal, action, then));
        }
        if (questions.isEmpty()) {
            throw file.error("at least one question is needed under 'questions'");
        }
    }

    private void readScenarios(YamlNode file) {
        YamlNode list = file.fields(Set.of("scenarios")).get("scenarios");
        for (YamlNode s : list == null ? List.<YamlNode>of() : list.items()) {
            Map<String, YamlNode> f = s.fields(Set.of("id", "steps"));
            String id = id(f, s);
            if (scenarios.containsKey(id)) {
                throw f.get("id").error("scenario '" + id + "' is defined twice");
            }
            Map<String, Scenario.Step> steps = new LinkedHashMap<>();
            Map<String, YamlNode> targets = new LinkedHashMap<>();
            for (YamlNode st : req(f, s, "steps").items()) {
                Map<String, YamlNode> sf = st.fields(Set.of("id", "ask", "yes", "no"));
                String sid = id(sf, st);
                if (steps.containsKey(sid)) {
                    throw sf.get("id").error("step '" + sid + "' is defined twice");
                }
                String yes = req(sf, st, "yes").text();
                String no = req(sf, st, "no").text();
                targets.put(yes, sf.get("yes"));
                targets.put(no, sf.get("no"));
                steps.put(sid, new Scenario.Step(sid, req(sf, st, "ask").text(), yes, no));
            }
            if (steps.isEmpty()) {
                throw f.get("steps").error("a scenario needs at least one step");
            }
            for (Map.Entry<String, YamlNode> t : targets.entrySet()) {
                String target = t.getKey();
                boolean known = steps.containsKey(target) || target.equals(Scenario.END) || target.equals(Scenario.FIRST_LINE)
                        || target.equals(Scenario.SECOND_LINE) || questions.stream().anyMatch(q -> q.id().equals(target));
                if (!known) {
                    throw t.getValue().error("'" + target + "' is neither a step of this scenario, a question, nor end / first-line / second-line");
                }
            }
            scenarios.put(id, new Scenario(id, steps.keySet().iterator().next(), steps));
        }
    }

    private KnowledgeBase readDialog(String language, YamlNode file) {
        Map<String, YamlNode> root = file.fields(Set.of("prompts", "synonyms", "yes", "no", "menu", "regions"));
        YamlNode promptsNode = root.get("prompts");
        Map<String, String> prompts = new LinkedHashMap<>();
        if (promptsNode != null) {
            for (Map.Entry<String, YamlNode> e : promptsNode.entries().entrySet()) {
                prompts.put(e.getKey(), e.getValue().text());
            }
        }
        for (String p : KnowledgeBase.REQUIRED_PROMPTS) {
            if (!prompts.containsKey(p)) {
                throw (promptsNode != null ? promptsNode : file).error("prompt '" + p + "' is missing (needed: " + KnowledgeBase.REQUIRED_PROMPTS + ")");
            }
        }
        List<List<String>> synonyms = new ArrayList<>();
        if (root.containsKey("synonyms")) {
            for (YamlNode g : root.get("synonyms").items()) {
                List<String> group = g.texts(true);
                if (group.size() < 2) {
                    throw g.error("a synonym group needs at least two entries");
                }
                synonyms.add(group);
            }
        }
        List<String> yes = req(root, file, "yes").texts(true);
        List<String> no = req(root, file, "no").texts(true);
        Map<Character, String> menu = new LinkedHashMap<>();
        if (root.containsKey("menu")) {
            for (Map.Entry<String, YamlNode> e : root.get("menu").entries().entrySet()) {
                String digit = e.getKey();
                if (digit.length() != 1 || digit.charAt(0) < '1' || digit.charAt(0) > '9') {
                    throw e.getValue().error("menu keys are the digits 1..9 (0 is always the operator)");
                }
                String topic = e.getValue().text();
                if (!topics.containsKey(topic)) {
                    throw e.getValue().error("no topic '" + topic + "' in the classifier");
                }
                menu.put(digit.charAt(0), topic);
            }
        }
        Regions federal = Regions.embedded();
        Map<String, String> regions = new LinkedHashMap<>();
        if (root.containsKey("regions")) {
            for (Map.Entry<String, YamlNode> e : root.get("regions").entries().entrySet()) {
                String official = e.getValue().text();
                Region region = federal.find(official).orElseThrow(() -> e.getValue().error(
                        "'" + official + "' is not the name of a federal subject (e.g. Краснодарский край)"));
                regions.put(spoken(e.getKey()), region.name());
            }
        }
        if (language.equals("ru")) {
            // every official name and alias is also how a caller may say it
            for (Region r : federal.all()) {
                regions.putIfAbsent(spoken(r.name()), r.name());
                for (String alias : r.aliases()) {
                    regions.putIfAbsent(spoken(alias), r.name());
                }
            }
        }
        for (Question q : questions) {
            if (q.then() != null && !scenarios.containsKey(q.then())) {
                throw thenNodes.get(q.id()).error("no scenario '" + q.then() + "'");
            }
        }
        return new KnowledgeBase(language, Map.copyOf(topics), List.copyOf(questions), Map.copyOf(scenarios),
                Map.copyOf(prompts), List.copyOf(synonyms), yes, no, Map.copyOf(menu), Map.copyOf(regions));
    }

    /** How a name sounds as recogniser words: lower case, no punctuation. */
    static String spoken(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replace('ё', 'е').replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static String id(Map<String, YamlNode> f, YamlNode owner) {
        String id = req(f, owner, "id").text();
        if (!ID.matcher(id).matches()) {
            throw f.get("id").error("an id is lower-case latin letters, digits, '.' and '-', not '" + id + "'");
        }
        return id;
    }

    private static YamlNode req(Map<String, YamlNode> f, YamlNode owner, String field) {
        YamlNode n = f.get(field);
        if (n == null || n.isMissing()) {
            throw owner.error("field '" + field + "' is missing");
        }
        return n;
    }

    private static Participant participant(YamlNode n) {
        try {
            return Participant.of(n.text());
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage());
        }
    }
}
