package ekc.config;

/**
 * Yana: the dialog language ({@code ru} or {@code en}), the speech model directory, and whether the
 * engine hands answered calls to her ({@code enabled}; off: the greeting/goodbye skeleton); the
 * knowledge-base directory, how sure a match must be, how long silence is waited for, and how many
 * threads recognise speech.
 */
public record RobotConfig(String language, String modelDir, Boolean enabled, String kbDir, Double matchThreshold,
                          Integer noInputSeconds, Integer workers) {

    public RobotConfig {
        language = language != null ? language : "ru";
        enabled = enabled != null ? enabled : Boolean.TRUE;
        if (!language.equals("ru") && !language.equals("en")) {
            throw new IllegalArgumentException("language must be ru or en, not '" + language + "'");
        }
        // null modelDir: models/vosk-model-small-ru (ru) or models/vosk-model-en-us (en) under the working directory
        // null kbDir: the knowledge base embedded in the robot for the language
        matchThreshold = matchThreshold != null ? matchThreshold : 0.5;
        if (matchThreshold <= 0 || matchThreshold > 1) {
            throw new IllegalArgumentException("matchThreshold must be above 0 and at most 1, not " + matchThreshold);
        }
        noInputSeconds = noInputSeconds != null ? noInputSeconds : 8;
        if (noInputSeconds < 1) {
            throw new IllegalArgumentException("noInputSeconds must be at least 1, not " + noInputSeconds);
        }
        workers = workers != null ? workers : 0;
        if (workers < 0) {
            throw new IllegalArgumentException("workers must be 0 (one per core) or more, not " + workers);
        }
    }

    /** Robot off: the form the config had before {@code enabled}. */
    public RobotConfig(String language, String modelDir) {
        this(language, modelDir, null);
    }

    /** The form the config had before the robot's own settings; they take their defaults. */
    public RobotConfig(String language, String modelDir, Boolean enabled) {
        this(language, modelDir, enabled, null, null, null, null);
    }
}
