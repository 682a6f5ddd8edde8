package ekc.config;

/**
 * Yana: the dialog language ({@code ru} or {@code en}), the speech model directory, and whether the
 * engine hands answered calls to her ({@code enabled}; off: the greeting/goodbye skeleton).
 */
public record RobotConfig(String language, String modelDir, Boolean enabled) {

    public RobotConfig {
        language = language != null ? language : "ru";
        enabled = enabled != null ? enabled : Boolean.FALSE;
        if (!language.equals("ru") && !language.equals("en")) {
            throw new IllegalArgumentException("language must be ru or en, not '" + language + "'");
        }
    }

    /** Robot off: the form the config had before {@code enabled}. */
    public RobotConfig(String language, String modelDir) {
        this(language, modelDir, null);
    }
}
