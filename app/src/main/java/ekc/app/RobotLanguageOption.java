package ekc.app;

import picocli.CommandLine.Option;

/** {@code --robot-language}: for the commands that start EKC. */
final class RobotLanguageOption {

    @Option(names = "--robot-language", paramLabel = "LANG", description = "Yana's language: ru (default) or en.")
    String language;

    /** Puts the choice into the common options' overrides, where the config is read. */
    void applyTo(CommonOptions options) {
        if (language != null) {
            options.set.put("robot.language", language);
        }
    }
}
