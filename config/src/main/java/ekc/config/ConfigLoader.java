package ekc.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Reads {@link EkcConfig} from YAML; every error names the file, line and field. */
public final class ConfigLoader {

    /** The embedded default configuration, a resource of this module. */
    public static final String EMBEDDED = "/ekc/config/ekc-default.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);

    private ConfigLoader() {}

    public static EkcConfig load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static EkcConfig embedded() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(EMBEDDED)) {
            if (in == null) {
                throw new IllegalStateException("embedded config missing: " + EMBEDDED);
            }
            return read(in, "embedded " + EMBEDDED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code source} names the input in errors. */
    public static EkcConfig read(InputStream in, String source) {
        JsonParser parser = null;
        String text;
        try {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot read: " + e.getMessage(), e);
        }
        try {
            parser = YAML.getFactory().createParser(text);
            if (parser.nextToken() == null) {
                return EkcConfig.defaults(); // an empty file
            }
            EkcConfig config = YAML.readValue(parser, EkcConfig.class);
            return config != null ? config : EkcConfig.defaults();
        } catch (JsonProcessingException e) {
            // the parser's current token is where the offending value (or the end of its section) is
            int line = e instanceof JsonMappingException m ? YamlLines.lineOf(text, m.getPath()) : 0;
            if (line <= 0) {
                JsonLocation at = parser != null ? parser.currentTokenLocation() : e.getLocation();
                line = at != null ? at.getLineNr() : 0;
            }
            throw new ConfigException(describe(source, line, e), e);
        } catch (IOException e) {
            throw new ConfigException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The config with some fields replaced, by dotted path: {@code sip.port → 5070}. Used for
     * command-line options; the result is validated like a file.
     */
    public static EkcConfig withOverrides(EkcConfig base, java.util.Map<String, ?> dotted) {
        com.fasterxml.jackson.databind.node.ObjectNode root = YAML.valueToTree(base);
        for (var e : dotted.entrySet()) {
            String[] path = e.getKey().split("\\.");
            com.fasterxml.jackson.databind.node.ObjectNode node = root;
            for (int i = 0; i < path.length - 1; i++) {
                node = node.with(path[i]);
            }
            node.set(path[path.length - 1], YAML.valueToTree(e.getValue()));
        }
        try {
            return YAML.treeToValue(root, EkcConfig.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException(describe("command line", 0, e), e);
        }
    }

    private static String describe(String source, int line, JsonProcessingException e) {
        String where = line > 0 ? source + ":" + line : source;
        String field = "";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            field = " field '" + m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[") + "':";
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root == e ? e.getOriginalMessage() : root.getMessage();
        if (why != null) {
            int nl = why.indexOf('\n');
            why = nl > 0 ? why.substring(0, nl) : why;
        }
        return where + ":" + field + " " + why;
    }
}
