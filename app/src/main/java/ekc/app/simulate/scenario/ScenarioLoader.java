package ekc.app.simulate.scenario;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Reads a {@link Scenario} from YAML; errors name the file, line and field. */
public final class ScenarioLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ScenarioLoader() {}

    public static Scenario load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    public static Scenario parse(String yaml, String source) {
        try {
            Scenario s = YAML.readValue(yaml, Scenario.class);
            if (s == null) {
                throw new IllegalArgumentException(source + ": empty scenario");
            }
            return s;
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            int line = e.getLocation() != null ? e.getLocation().getLineNr() : 0;
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = root == e ? e.getOriginalMessage() : root.getMessage();
            if (why != null && why.indexOf('\n') > 0) {
                why = why.substring(0, why.indexOf('\n'));
            }
            throw new IllegalArgumentException(source + (line > 0 ? ":" + line : "") + ": field '" + field + "': " + why, e);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not YAML: " + e.getMessage(), e);
        }
    }
}
