package ekc.engine;

/**
 * A request classified unanswered (R28), on its line's call-back list (R29): who to call back and
 * why. {@code time} is when it was classified, epoch millis.
 */
public record UnansweredRequest(long card, String caller, String region, String skill, Line line, long time, String reason) {}
