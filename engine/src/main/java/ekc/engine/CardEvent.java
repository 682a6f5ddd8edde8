package ekc.engine;

/**
 * A fact about a request, for its card (R30–R32). The engine emits these to {@link Outputs#fact};
 * the journal appends them; a card is the fold of its events. {@code card} is the call id.
 * {@code time} is engine time, epoch millis.
 */
public interface CardEvent {

    long card();

    long time();

    record CardOpened(long card, long time, String caller, String region, Direction direction,
                      Channel channel, String called) implements CardEvent {}

    record RobotDialogStarted(long card, long time) implements CardEvent {}

    record RobotUtterance(long card, long time, String text, float confidence) implements CardEvent {}

    record RobotSaid(long card, long time, String promptId, String text) implements CardEvent {}

    record PromptPlayed(long card, long time, String prompt) implements CardEvent {}

    record RobotDialogEnded(long card, long time, RobotOutcome outcome, String topic, long robotMillis) implements CardEvent {}

    /** The request waits for an operator with this skill ({@link Skill#name()}). */
    record Queued(long card, long time, String skill, int priority) implements CardEvent {}

    record AgentRinging(long card, long time, String agentId, String skill) implements CardEvent {}

    /** The agent did not answer in time, or rejected; the request goes back to its queue. */
    record AgentMissed(long card, long time, String agentId, String cause) implements CardEvent {}

    /** Talking to an operator: one timeline entry (R32) with line, skill, operator. */
    record OperatorConnected(long card, long time, String agentId, String agentName, String extension,
                             String skill, Line line, long queueMillis) implements CardEvent {}

    record OperatorReleased(long card, long time, String agentId, long talkMillis) implements CardEvent {}

    record TransferRequested(long card, long time, String agentId, String fromSkill, String toSkill) implements CardEvent {}

    /** An SLA was exceeded (R5, R19, R27): recorded automatically. */
    record SlaBreached(long card, long time, String rule, long limitMillis, long actualMillis) implements CardEvent {}

    record WrapUpStarted(long card, long time, String agentId) implements CardEvent {}

    record WrapUpEnded(long card, long time, String agentId, long wrapUpMillis) implements CardEvent {}

    record CallbackBooked(long card, long time, String agentId, long at, String note) implements CardEvent {}

    /** R24: the supervisor assigned the deferred request to this second-line operator. */
    record SupervisorAssigned(long card, long time, String agentId) implements CardEvent {}

    record OperatorNote(long card, long time, String agentId, java.util.Map<String, String> fields) implements CardEvent {}

    /** Could not be routed, or the caller hung up before reaching an operator (R28). */
    record Unanswered(long card, long time, String reason, String skill) implements CardEvent {}

    /** R29: an operator of the request's line called this unanswered request back; the call is card {@code callback}. */
    record CalledBack(long card, long time, String agentId, long callback) implements CardEvent {}

    /** R29: this outbound card is an operator's call-back of the unanswered request {@code request}. */
    record CallbackOf(long card, long time, String agentId, long request) implements CardEvent {}

    record CallEnded(long card, long time, String cause) implements CardEvent {}

    /** The card is complete; {@code status} e.g. "answered-by-robot", "served", "unanswered", "interrupted". */
    record CardClosed(long card, long time, String status, String reason, long totalMillis) implements CardEvent {}

    /** Something on the card needs attention, e.g. its recording stopped for lack of disk space. */
    record Alarm(long card, long time, String text) implements CardEvent {}
}
