package ekc.asterisk;

import ekc.config.AsteriskConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the AMI secret from the configured file, else from the environment. Thread-safe. Read at
 * every login, so a rotated secret is picked up on the next reconnect. The secret itself never
 * appears in a message: errors name only where it was looked for.
 */
final class AmiSecret {

    private final String file;
    private final String env;

    AmiSecret(AsteriskConfig config) {
        this.file = config.amiSecretFile();
        this.env = config.amiSecretEnv();
    }

    String read() {
        if (file != null) {
            try {
                List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
                String secret = lines.isEmpty() ? "" : lines.get(0).strip();
                if (secret.isEmpty()) {
                    throw new IllegalStateException("asterisk.amiSecretFile " + file + " is empty");
                }
                return secret;
            } catch (IOException e) {
                throw new IllegalStateException("cannot read asterisk.amiSecretFile " + file + ": " + e.getMessage(), e);
            }
        }
        String secret = System.getenv(env);
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("no AMI secret: set asterisk.amiSecretFile, or the environment variable " + env);
        }
        return secret.strip();
    }

    /** Where the secret comes from, for messages. */
    String source() {
        return file != null ? "file " + file : "environment variable " + env;
    }

    @Override
    public String toString() {
        return "AmiSecret[" + source() + "]";
    }
}
