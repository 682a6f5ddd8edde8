package ekc.config;

import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Finds the line of a field in YAML text by its path. Jackson buffers record properties, so the
 * location in its errors is often where the section ends; the YAML node tree knows where each key is.
 */
final class YamlLines {

    private YamlLines() {}

    /** 1-based line of the key at {@code path}, the deepest one found; 0 when none is. */
    static int lineOf(String text, List<Reference> path) {
        try {
            Node node = new Yaml(new LoaderOptions()).compose(new java.io.StringReader(text));
            int line = 0;
            for (Reference r : path) {
                if (node instanceof MappingNode map && r.getFieldName() != null) {
                    Node next = null;
                    for (NodeTuple t : map.getValue()) {
                        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(r.getFieldName())) {
                            line = k.getStartMark().getLine() + 1;
                            next = t.getValueNode();
                        }
                    }
                    if (next == null) {
                        return line;
                    }
                    node = next;
                } else if (node instanceof SequenceNode seq && r.getIndex() >= 0 && r.getIndex() < seq.getValue().size()) {
                    node = seq.getValue().get(r.getIndex());
                    line = node.getStartMark().getLine() + 1;
                } else {
                    return line;
                }
            }
            return line;
        } catch (RuntimeException e) {
            return 0; // not even YAML: the parser's own location will do
        }
    }
}
