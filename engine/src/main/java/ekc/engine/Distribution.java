package ekc.engine;

/** Which ready operator with the skill gets the next request. */
public enum Distribution {
    /** The one who has waited longest since their last call (the default). */
    LONGEST_IDLE,
    /** The one who has answered fewest calls, then the longest idle. */
    FEWEST_CALLS,
    /** The most proficient in the skill, then the longest idle. */
    PROFICIENCY;

    /** {@code longest-idle}, {@code fewest-calls}, {@code proficiency} as config writes them. */
    public static Distribution of(String name) {
        return valueOf(name.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
}
