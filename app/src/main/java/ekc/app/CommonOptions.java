package ekc.app;

import ekc.config.ConfigLoader;
import ekc.config.EkcConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (default: the embedded one).")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "data", description = "Data directory: journal, recordings (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--sip-port", paramLabel = "N", description = "SIP port (UDP and TCP), overrides the config.")
    Integer sipPort;

    @Option(names = "--sip-host", paramLabel = "ADDR", description = "SIP address to listen on, overrides the config.")
    String sipHost;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override any config field by dotted path, e.g. --set robot.language=en.")
    Map<String, String> set = new LinkedHashMap<>();

    EkcConfig load() {
        EkcConfig base = config != null ? ConfigLoader.load(config) : ConfigLoader.embedded();
        Map<String, Object> o = new LinkedHashMap<>(set);
        if (sipPort != null) {
            o.put("sip.port", sipPort);
        }
        if (sipHost != null) {
            o.put("sip.host", sipHost);
        }
        EkcConfig c = o.isEmpty() ? base : ConfigLoader.withOverrides(base, o);
        String root = System.getProperty("ekc.root");
        if (c.robot().modelDir() == null && root != null) {
            // the build unpacks models under the repository, wherever ./ekc is run from
            Path model = Path.of(root, "models", c.robot().language().equals("en") ? "vosk-model-en-us" : "vosk-model-small-ru");
            c = ConfigLoader.withOverrides(c, Map.of("robot.modelDir", model.toString()));
        }
        return c;
    }

    Path journalDir(EkcConfig c) {
        return data.resolve(c.journal().dir());
    }
}
