package ekc.recordings;

import ekc.engine.Channel;
import ekc.engine.Direction;
import ekc.engine.Line;

import java.util.List;
import java.util.Map;

/**
 * A request's card (R30–R32): the fold of its journaled events. Immutable; times are epoch millis, 0 when
 * the thing has not happened (yet).
 *
 * @param region the caller's region, {@code "unknown"} when it could not be told
 * @param status {@link #IN_PROGRESS} until the card is closed, then the engine's status (e.g. "served",
 *               "answered-by-robot", "unanswered", {@link #INTERRUPTED})
 * @param topics every topic of the request (R15): the robot's and those operators entered
 * @param activities the deck's "Информация по видам деятельности": the robot dialog and each operator
 * @param timeline every event as a line, in order
 * @param notes what each operator entered (R31), in order, so each level sees earlier levels' notes (R6)
 * @param fields the operator fields merged, later entries over earlier ones (see {@link OperatorFields})
 * @param unansweredSkill the skill of the request when it was classified unanswered (R28), null if never
 *                        (or if it was never routed)
 * @param callbackOf for an operator's call-back of an unanswered request (R29), that request's card; else 0
 * @param calledBackIn for an unanswered request an operator called back (R29), the call-back's card; else 0
 */
public record Card(long number, String caller, String region, Direction direction, Channel channel, String called,
                   long receivedAt, String status, String statusReason, List<String> topics, long queueMillis,
                   long robotMillis, List<Activity> activities, List<Utterance> transcript, List<Note> notes,
                   Map<String, String> fields, List<Entry> timeline, List<String> alarms, long wrapUpStartedAt,
                   long wrapUpMillis, long endedAt, long closedAt, long totalMillis, String unansweredSkill,
                   long callbackOf, long calledBackIn) {

    public static final String IN_PROGRESS = "in-progress";
    public static final String INTERRUPTED = "interrupted";
    public static final String UNKNOWN_REGION = "unknown";

    /** One activity: Yana's dialog, or a dialog with an operator of a skill (R32). */
    public record Activity(String type, Line line, String agentId, String agentName, String extension, String skill,
                           long startedAt, long endedAt) {}

    /** A caller's utterance the robot heard, or what the robot said. */
    public record Utterance(long time, boolean fromCaller, String text, float confidence) {}

    /** Fields one operator entered at one time (R31). */
    public record Note(long time, String agentId, Map<String, String> fields) {}

    /** One line of the timeline. */
    public record Entry(long time, String text) {}

    public boolean closed() {
        return closedAt != 0;
    }

    /** An unanswered request (R28) no operator has called back yet: on its line's call-back list (R29). */
    public boolean awaitsCallBack() {
        return "unanswered".equals(status) && calledBackIn == 0;
    }

    /** The operators who worked on this card (ids), in order. */
    public List<String> operatorIds() {
        return activities.stream().map(Activity::agentId).filter(a -> a != null).distinct().toList();
    }
}
