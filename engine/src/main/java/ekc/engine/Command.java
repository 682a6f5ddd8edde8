package ekc.engine;

/**
 * What the engine asks an adapter to do. Emitted on the engine thread to {@link Outputs#command};
 * the adapters' side must only enqueue and return, never block the engine.
 */
public interface Command {

    long callId();

    /** Answer the citizen's leg (200 OK with SDP) and start media. */
    record AnswerCall(long callId) implements Command {}

    /** Play a prompt (a name from the prompt catalogue, e.g. {@code "greeting"}). */
    record PlayPrompt(long callId, String prompt) implements Command {}

    /** Hand the call to Yana, in a language ({@code "ru"}, {@code "en"}). */
    record StartRobot(long callId, String language) implements Command {}

    /** Stop the robot dialog (the caller hung up, or the engine took the call). */
    record StopRobot(long callId) implements Command {}

    /** Ring the operator's phone: a new leg towards the agent's registered contact. */
    record RingAgent(long callId, String agentId, String contact) implements Command {}

    /** Stop ringing the operator (CANCEL): the caller hung up or the agent took too long. */
    record CancelAgent(long callId, String agentId) implements Command {}

    /** Connect the caller and the answered operator leg, with the recording tap on. */
    record Bridge(long callId, String agentId) implements Command {}

    /** End the operator's leg (BYE) but keep the caller, e.g. for a transfer. */
    record ReleaseAgent(long callId, String agentId) implements Command {}

    /** End the call: BYE (or a final response) on every leg. */
    record HangUp(long callId, String reason) implements Command {}

    /** Outbound call-back (R20, R29): ring the agent, then dial the citizen's number from the card. */
    record DialCitizen(long callId, String agentId, String number) implements Command {}

    /** R34: tell the operator the service is about to be closed (e.g. the caller is silent), so they can act. */
    record WarnAgent(long callId, String agentId, String reason) implements Command {}
}
