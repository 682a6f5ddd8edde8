package ekc.engine;

/**
 * What the outside world tells the engine. Adapters (SIP, media, robot, AMI, HTTP) publish these
 * into the ring through {@link EngineRing#publish}; the ring stamps each with the publisher's clock,
 * and that stamp is the only time the engine ever sees.
 *
 * <p>Records, so an event can be logged, replayed and compared. Agents are named by their
 * configured id (the operator ID on the card, e.g. {@code "25722"}); calls by the call id the
 * adapter got from {@link CallIds}, which is also the card number.
 */
public interface Input {

    /** Time passes: fire the timers that are due. Published by the ticker, every 10 ms or so. */
    record Tick() implements Input {
        public static final Tick INSTANCE = new Tick();
    }

    /** A new call (or chat) for the hotline; opens a card. {@code called} is already normalised (E.164);
     * {@code region} is the caller's region as the adapter found it from the number, or null. */
    record CallOffered(long callId, String caller, String called, String region, Channel channel, Direction direction) implements Input {}

    /** The citizen's leg is gone: hang-up, CANCEL, RTP timeout, transport failure. */
    record CallerHungUp(long callId, String cause) implements Input {}

    /** A prompt the engine asked for has been played to the end (or stopped by barge-in). */
    record PromptFinished(long callId, String prompt, boolean bargedIn) implements Input {}

    /** A DTMF digit from the caller (RFC 4733, SIP INFO or in-band). */
    record DtmfDigit(long callId, char digit) implements Input {}

    /** Voice activity of the caller changed; the engine runs the silence timer (R33) from these. */
    record VoiceActivity(long callId, boolean speaking) implements Input {}

    /** Yana recognised an utterance of the caller (final result); recorded on the card (R30). */
    record RobotUtterance(long callId, String text, float confidence) implements Input {}

    /** Yana said something to the caller. */
    record RobotSaid(long callId, String promptId, String text) implements Input {}

    /**
     * Yana is done with the call. {@code participant} is a {@link Participant} code, {@code region}
     * a region name or null, {@code topic} a knowledge-base topic id or null.
     */
    record RobotFinished(long callId, RobotOutcome outcome, String participant, String region, String topic) implements Input {}

    /** An operator logged in (from the softphone, the HTTP API or AMI) and is ready for calls. */
    record AgentLoggedIn(String agentId) implements Input {}

    record AgentLoggedOut(String agentId, String reason) implements Input {}

    /** Ready / not ready (break, training …) as set by the operator or supervisor. */
    record AgentAvailability(String agentId, boolean ready, String reason) implements Input {}

    /** The operator's phone registered (SIP REGISTER, or an Asterisk device became available). */
    record AgentRegistered(String agentId, String contact, long expiresAt) implements Input {}

    /** Registration expired, was removed, or the device became unavailable. */
    record AgentUnregistered(String agentId, String reason) implements Input {}

    /** The operator's phone answered the leg the engine asked to ring. */
    record AgentAnswered(long callId, String agentId) implements Input {}

    /** The operator's leg failed before answer: busy, declined, unreachable. */
    record AgentRejected(long callId, String agentId, String cause) implements Input {}

    /** The operator hung up a connected call. */
    record AgentHungUp(long callId, String agentId) implements Input {}

    /**
     * The operator asked to transfer (REFER, DTMF code, HTTP). {@code target} is a skill name as
     * {@link Skill#name()} prints it, or a service code from config.
     */
    record TransferRequested(long callId, String agentId, String target) implements Input {}

    /** Post-processing done; the agent can take the next call. */
    record WrapUpFinished(String agentId) implements Input {}

    /** A second-line operator booked a call-back for a date and time (R20), epoch millis. */
    record CallbackBooked(long callId, String agentId, long at, String note) implements Input {}

    /** Fields the operator entered on the card (R31): questions, topics, comment, source, answer. */
    record OperatorNote(long callId, String agentId, java.util.Map<String, String> fields) implements Input {}

    /** R24: the supervisor assigns a deferred request (its call-back) to one second-line operator. */
    record SupervisorAssigned(long callId, String agentId) implements Input {}

    /** R38: the supervisor lets a second-line operator work the first line of their participants (or stops it). */
    record FirstLineAllowed(String agentId, boolean allowed) implements Input {}

    /**
     * A deferred request (R20, R24, R25, R27) that was waiting when EKC last stopped, rebuilt from its card
     * at start, before any new call: the engine takes it back as it stood, without a new card. Its call
     * is over; the call-back to {@code caller} is due at {@code callbackAt} (at once if that has passed),
     * for {@code skill} (as {@link Skill#name()} prints it), with priority (R25) and a place in line before
     * every later request; the 8 working hours (R27) run from {@code registeredAt}, when it was booked.
     * {@code assignedAgentId} is the operator the supervisor assigned it to (R24), or null;
     * {@code deadlineReported} is true when its R27 breach is already on the card.
     */
    record DeferredRestored(long callId, String caller, String region, Channel channel, long opened, String skill,
                            long registeredAt, long callbackAt, String assignedAgentId, boolean deadlineReported) implements Input {}

    /**
     * R29: operator {@code agentId} calls back the unanswered request {@code request} from their line's
     * call-back list, as the new outbound call {@code callId} (a fresh id from {@link CallIds}). The engine
     * takes it only for a request still on a list and an operator of its line with its skill; the number
     * dialled is the card's, never one given with the request.
     */
    record UnansweredCallBack(long callId, long request, String agentId) implements Input {}

    /**
     * An unanswered request (R28) still on its line's call-back list (R29) when EKC last stopped, rebuilt
     * from its card at start, oldest first. {@code time} is when it was classified unanswered.
     */
    record UnansweredRestored(long card, String caller, String region, String skill, long time, String reason) implements Input {}
}
