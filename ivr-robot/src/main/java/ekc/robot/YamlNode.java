package ekc.robot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node with the file and field path it came from, so that every error names file, line
 * and field ({@code kb/ru/questions.yaml:12: field 'questions[3].answer': missing}).
 */
final class YamlNode {

    private final String file;
    private final String path;
    private final Node node;

    private YamlNode(String file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /** The root of a document; an empty document is an empty mapping. */
    static YamlNode parse(String file, String text) {
        try {
            Node root = new Yaml(new LoaderOptions()).compose(new java.io.StringReader(text));
            return new YamlNode(file, "", root);
        } catch (MarkedYAMLException e) {
            throw new KnowledgeBaseException(file + ":" + (e.getProblemMark().getLine() + 1) + ": not YAML: " + e.getProblem());
        } catch (RuntimeException e) {
            throw new KnowledgeBaseException(file + ": not YAML: " + e.getMessage());
        }
    }

    int line() {
        return node == null ? 0 : node.getStartMark().getLine() + 1;
    }

    KnowledgeBaseException error(String message) {
        String where = line() > 0 ? file + ":" + line() : file;
        return new KnowledgeBaseException(where + ":" + (path.isEmpty() ? "" : " field '" + path + "':") + " " + message);
    }

    boolean isMissing() {
        return node == null;
    }

    /** The fields of a mapping, in file order; an unknown field is an error. */
    Map<String, YamlNode> fields(Set<String> known) {
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof MappingNode map)) {
            throw error("expected a mapping of fields");
        }
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : null;
            YamlNode keyNode = new YamlNode(file, child(String.valueOf(key)), t.getKeyNode());
            if (key == null || !known.contains(key)) {
                throw keyNode.error("unknown field (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
            if (out.containsKey(key)) {
                throw keyNode.error("given twice");
            }
            out.put(key, new YamlNode(file, child(key), t.getValueNode()));
        }
        return out;
    }

    /** A mapping whose keys are data (names), not fields. */
    Map<String, YamlNode> entries() {
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof MappingNode map)) {
            throw error("expected a mapping");
        }
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw new YamlNode(file, path, t.getKeyNode()).error("expected a plain key");
            }
            out.put(k.getValue(), new YamlNode(file, child(k.getValue()), t.getValueNode()));
        }
        return out;
    }

    List<YamlNode> items() {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof SequenceNode seq)) {
            throw error("expected a list");
        }
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < seq.getValue().size(); i++) {
            out.add(new YamlNode(file, path + "[" + i + "]", seq.getValue().get(i)));
        }
        return out;
    }

    /** A non-blank scalar. */
    String text() {
        if (node == null) {
            throw error("missing");
        }
        if (!(node instanceof ScalarNode s)) {
            throw error("expected text");
        }
        String v = s.getValue().strip();
        if (v.isEmpty()) {
            throw error("must not be blank");
        }
        return v;
    }

    String textOr(String orElse) {
        return node == null ? orElse : text();
    }

    boolean bool(boolean orElse) {
        if (node == null) {
            return orElse;
        }
        String v = text();
        if (v.equals("true")) {
            return true;
        }
        if (v.equals("false")) {
            return false;
        }
        throw error("expected true or false, not '" + v + "'");
    }

    double number(double orElse) {
        if (node == null) {
            return orElse;
        }
        try {
            return Double.parseDouble(text());
        } catch (NumberFormatException e) {
            throw error("expected a number, not '" + text() + "'");
        }
    }

    /** A list of non-blank texts (a single text is a list of one); at least one when required. */
    List<String> texts(boolean required) {
        if (node == null) {
            if (required) {
                throw error("missing");
            }
            return List.of();
        }
        if (node instanceof ScalarNode) {
            return List.of(text());
        }
        List<String> out = new ArrayList<>();
        for (YamlNode item : items()) {
            out.add(item.text());
        }
        if (required && out.isEmpty()) {
            throw error("must list at least one");
        }
        return out;
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
