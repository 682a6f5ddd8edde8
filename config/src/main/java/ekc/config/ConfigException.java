package ekc.config;

/** A configuration that cannot be used; the message names file, line and field. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
