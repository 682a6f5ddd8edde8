package ekc.config;

/** Yana: the dialog language ({@code ru} or {@code en}) and the speech model directory. */
public record RobotConfig(String language, String modelDir) {

    public RobotConfig {
        language = language != null ? language : "ru";
        if (!language.equals("ru") && !language.equals("en")) {
            throw new IllegalArgumentException("language must be ru or en, not '" + language + "'");
        }
    }
}
