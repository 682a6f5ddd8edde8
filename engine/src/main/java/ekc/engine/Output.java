package ekc.engine;

/**
 * One decision of the engine in a reusable, mutable slot: the engine thread fills the same slot for
 * every command and card fact and hands it to its {@link OutputSink}, which must copy what it needs
 * before returning. So deciding allocates nothing (the Disruptor way: preallocated entries, copied
 * by the consumer). {@link #toCommand()} / {@link #toFact()} make the immutable record the slot
 * stands for, on whatever thread calls them.
 *
 * <p>Field layout, for readers that skip the records: {@link #call()} is the call id (= card);
 * {@link #time()} the engine time of a fact (0 for a command); {@code s1..s4} are the record's
 * {@code String} components in declaration order, {@code n1, n2} its {@code long} components after
 * card and time, {@code i1} its {@code int}, {@code f1} its {@code float}, {@code r1, r2} its other
 * components (enums, the operator's note fields). E.g. {@link OutputKind#RING_AGENT}: s1 agent id,
 * s2 contact.
 */
public final class Output {

    private OutputKind kind;
    private long call;
    private long time;
    private String s1;
    private String s2;
    private String s3;
    private String s4;
    private long n1;
    private long n2;
    private int i1;
    private float f1;
    private Object r1;
    private Object r2;

    public OutputKind kind() {
        return kind;
    }

    public long call() {
        return call;
    }

    public long time() {
        return time;
    }

    public String s1() {
        return s1;
    }

    public String s2() {
        return s2;
    }

    public String s3() {
        return s3;
    }

    public String s4() {
        return s4;
    }

    public long n1() {
        return n1;
    }

    public long n2() {
        return n2;
    }

    public int i1() {
        return i1;
    }

    public float f1() {
        return f1;
    }

    public Object r1() {
        return r1;
    }

    public Object r2() {
        return r2;
    }

    /** Copies another slot into this one (a consumer's own ring entry, say). */
    public void copyFrom(Output o) {
        kind = o.kind;
        call = o.call;
        time = o.time;
        s1 = o.s1;
        s2 = o.s2;
        s3 = o.s3;
        s4 = o.s4;
        n1 = o.n1;
        n2 = o.n2;
        i1 = o.i1;
        f1 = o.f1;
        r1 = o.r1;
        r2 = o.r2;
    }

    /** The command this slot holds, as a new record. */
    public Command toCommand() {
        if (kind == null || !kind.command()) {
            throw new IllegalStateException("not a command: " + kind);
        }
        return switch (kind) {
            case ANSWER_CALL -> new Command.AnswerCall(call);
            case PLAY_PROMPT -> new Command.PlayPrompt(call, s1);
            case START_ROBOT -> new Command.StartRobot(call, s1);
            case STOP_ROBOT -> new Command.StopRobot(call);
            case RING_AGENT -> new Command.RingAgent(call, s1, s2);
            case CANCEL_AGENT -> new Command.CancelAgent(call, s1);
            case BRIDGE -> new Command.Bridge(call, s1);
            case RELEASE_AGENT -> new Command.ReleaseAgent(call, s1);
            case HANG_UP -> new Command.HangUp(call, s1);
            case DIAL_CITIZEN -> new Command.DialCitizen(call, s1, s2);
            case WARN_AGENT -> new Command.WarnAgent(call, s1, s2);
            default -> throw new IllegalStateException("not a command: " + kind);
        };
    }

    /** The card fact this slot holds, as a new record. */
    @SuppressWarnings("unchecked")
    public CardEvent toFact() {
        if (kind == null || kind.command()) {
            throw new IllegalStateException("not a card fact: " + kind);
        }
        return switch (kind) {
            case CARD_OPENED -> new CardEvent.CardOpened(call, time, s1, s2, (Direction) r1, (Channel) r2, s3);
            case ROBOT_DIALOG_STARTED -> new CardEvent.RobotDialogStarted(call, time);
            case ROBOT_UTTERANCE -> new CardEvent.RobotUtterance(call, time, s1, f1);
            case ROBOT_SAID -> new CardEvent.RobotSaid(call, time, s1, s2);
            case PROMPT_PLAYED -> new CardEvent.PromptPlayed(call, time, s1);
            case ROBOT_DIALOG_ENDED -> new CardEvent.RobotDialogEnded(call, time, (RobotOutcome) r1, s1, n1);
            case QUEUED -> new CardEvent.Queued(call, time, s1, i1);
            case AGENT_RINGING -> new CardEvent.AgentRinging(call, time, s1, s2);
            case AGENT_MISSED -> new CardEvent.AgentMissed(call, time, s1, s2);
            case OPERATOR_CONNECTED -> new CardEvent.OperatorConnected(call, time, s1, s2, s3, s4, (Line) r1, n1);
            case OPERATOR_RELEASED -> new CardEvent.OperatorReleased(call, time, s1, n1);
            case TRANSFER_REQUESTED -> new CardEvent.TransferRequested(call, time, s1, s2, s3);
            case SLA_BREACHED -> new CardEvent.SlaBreached(call, time, s1, n1, n2);
            case WRAP_UP_STARTED -> new CardEvent.WrapUpStarted(call, time, s1);
            case WRAP_UP_ENDED -> new CardEvent.WrapUpEnded(call, time, s1, n1);
            case CALLBACK_BOOKED -> new CardEvent.CallbackBooked(call, time, s1, n1, s2);
            case SUPERVISOR_ASSIGNED -> new CardEvent.SupervisorAssigned(call, time, s1);
            case OPERATOR_NOTE -> new CardEvent.OperatorNote(call, time, s1, (java.util.Map<String, String>) r1);
            case UNANSWERED -> new CardEvent.Unanswered(call, time, s1, s2);
            case CALLED_BACK -> new CardEvent.CalledBack(call, time, s1, n1);
            case CALLBACK_OF -> new CardEvent.CallbackOf(call, time, s1, n1);
            case CALL_ENDED -> new CardEvent.CallEnded(call, time, s1);
            case CARD_CLOSED -> new CardEvent.CardClosed(call, time, s1, s2, n1);
            case ALARM -> new CardEvent.Alarm(call, time, s1);
            default -> throw new IllegalStateException("not a card fact: " + kind);
        };
    }

    @Override
    public String toString() {
        return kind == null ? "empty" : kind.command() ? toCommand().toString() : toFact().toString();
    }

    /** Drops the previous decision's references, so a slot never keeps a string or note alive. */
    private void clear(OutputKind k) {
        kind = k;
        call = 0;
        time = 0;
        s1 = null;
        s2 = null;
        s3 = null;
        s4 = null;
        n1 = 0;
        n2 = 0;
        i1 = 0;
        f1 = 0;
        r1 = null;
        r2 = null;
    }

    // ------------------------------------------------------------------ filled by the engine

    /** Fills this slot with a {@link Command.AnswerCall}; returns it. */
    Output answerCall(long callId) {
        clear(OutputKind.ANSWER_CALL);
        this.call = callId;
        return this;
    }

    /** Fills this slot with a {@link Command.PlayPrompt}; returns it. */
    Output playPrompt(long callId, String prompt) {
        clear(OutputKind.PLAY_PROMPT);
        this.call = callId;
        this.s1 = prompt;
        return this;
    }

    /** Fills this slot with a {@link Command.StartRobot}; returns it. */
    Output startRobot(long callId, String language) {
        clear(OutputKind.START_ROBOT);
        this.call = callId;
        this.s1 = language;
        return this;
    }

    /** Fills this slot with a {@link Command.StopRobot}; returns it. */
    Output stopRobot(long callId) {
        clear(OutputKind.STOP_ROBOT);
        this.call = callId;
        return this;
    }

    /** Fills this slot with a {@link Command.RingAgent}; returns it. */
    Output ringAgent(long callId, String agentId, String contact) {
        clear(OutputKind.RING_AGENT);
        this.call = callId;
        this.s1 = agentId;
        this.s2 = contact;
        return this;
    }

    /** Fills this slot with a {@link Command.CancelAgent}; returns it. */
    Output cancelAgent(long callId, String agentId) {
        clear(OutputKind.CANCEL_AGENT);
        this.call = callId;
        this.s1 = agentId;
        return this;
    }

    /** Fills this slot with a {@link Command.Bridge}; returns it. */
    Output bridge(long callId, String agentId) {
        clear(OutputKind.BRIDGE);
        this.call = callId;
        this.s1 = agentId;
        return this;
    }

    /** Fills this slot with a {@link Command.ReleaseAgent}; returns it. */
    Output releaseAgent(long callId, String agentId) {
        clear(OutputKind.RELEASE_AGENT);
        this.call = callId;
        this.s1 = agentId;
        return this;
    }

    /** Fills this slot with a {@link Command.HangUp}; returns it. */
    Output hangUp(long callId, String reason) {
        clear(OutputKind.HANG_UP);
        this.call = callId;
        this.s1 = reason;
        return this;
    }

    /** Fills this slot with a {@link Command.DialCitizen}; returns it. */
    Output dialCitizen(long callId, String agentId, String number) {
        clear(OutputKind.DIAL_CITIZEN);
        this.call = callId;
        this.s1 = agentId;
        this.s2 = number;
        return this;
    }

    /** Fills this slot with a {@link Command.WarnAgent}; returns it. */
    Output warnAgent(long callId, String agentId, String reason) {
        clear(OutputKind.WARN_AGENT);
        this.call = callId;
        this.s1 = agentId;
        this.s2 = reason;
        return this;
    }

    /** Fills this slot with a {@link CardEvent.CardOpened}; returns it. */
    Output cardOpened(long card, long time, String caller, String region, Direction direction, Channel channel, String called) {
        clear(OutputKind.CARD_OPENED);
        this.call = card;
        this.time = time;
        this.s1 = caller;
        this.s2 = region;
        this.r1 = direction;
        this.r2 = channel;
        this.s3 = called;
        return this;
    }

    /** Fills this slot with a {@link CardEvent.RobotDialogStarted}; returns it. */
    Output robotDialogStarted(long card, long time) {
        clear(OutputKind.ROBOT_DIALOG_STARTED);
        this.call = card;
        this.time = time;
        return this;
    }

    /** Fills this slot with a {@link CardEvent.RobotUtterance}; returns it. */
    Output robotUtterance(long card, long time, String text, float confidence) {
        clear(OutputKind.ROBOT_UTTERANCE);
        this.call = card;
        this.time = time;
        this.s1 = text;
        this.f1 = confidence;
        return this;
    }

    /** Fills this slot with a {@link CardEvent.RobotSaid}; returns it. */
    Output robotSaid(long card, long time, String promptId, String text) {
        clear(OutputKind.ROBOT_SAID);
        this.call = card;
        this.time = time;
        this.s1 = promptId;
        this.s2 = text;
        return this;
    }

    /** Fills this slot with a {@link CardEvent.PromptPlayed}; returns it. */
    Output promptPlayed(long card, long time, String prompt) {
        clear(OutputKind.PROMPT_PLAYED);
        this.call = card;
        this.time = time;
        this.s1 = prompt;
        return this;
    }

    /** Fills this slot with a {@link CardEvent.RobotDialogEnded}; returns it. */
    Output robotDialogEnded(long card, long time, RobotOutcome outcome, String topic, long robotMillis) {
        clear(OutputKind.ROBOT_DIALOG_ENDED);
        this.call = card;
        this.time = time;
        this.r1 = outcome;
        this.s1 = topic;
        this.n1 = robotMillis;
        return this;
    }

    /** Fills this slot with a {@link CardEvent.Queued}; returns it. */
    Output queued(long card, long time, String skill, int priority) {
        clear(OutputKind.QUEUED);
        this.call = card;
        this.time = time;
        this.s1 = skill;
        this.i1 = priority;
        return this;
    }

    /** Fills this slot with a {@link CardEvent.AgentRinging}; returns it. */
    Output agentRinging(long card, long time, String agentId, String skill) {
        clear(OutputKind.AGENT_RINGING);
        this.call = card;
        this.time = time;
        this.s1 = agentId;
        this.s2 = skill;
        return this;
    }

    /** Fills this slot with a {@link CardEvent.AgentMissed}; returns it. */
    Output agentMissed(long card, long time, String agentId, String cause) {
        clear(OutputKind.AGENT_MISSED);
        this.call = card;
        this.time = time;
        this.s1 = agentId;
        this.s2 = cause;
        return this;
    }

    /** Fills this slot with a {@link CardEvent.OperatorConnected}; returns it. */
    Output operatorConnected(long card, long time, String agentId, String agentName, String extension, String skill, Line line, long queueMillis) {
        clear(OutputKind.OPERATOR_CONNECTED);
        this.call = card;
        this.time = time;
        this.s1 = agentId;
        this.s2 = agentName;
        this.s3 = extension;
        this.s4 = skill;
        this.r1 = line;
        this.n1 = queueMillis;
        return this;
    }

    /** Fills this slot with a {@link CardEvent.OperatorReleased}; returns it. */
    Output operatorReleased(long card, long time, String agentId, long talkMillis) {
        clear(OutputKind.OPERATOR_RELEASED);
        this.call = card;
        this.time = time;
        this.s1 = agentId;
        this.n1 = talkMillis;
        return this;
    }

    /** Fills this slot with a {@link CardEvent.TransferRequested}; returns it. */
    Output transferRequested(long card, long time, String agentId, String fromSkill, String toSkill) {
        clear(OutputKind.TRANSFER_REQUESTED);
        this.call = card;
        this.time = time;
        this.s1 = agentId;
        this.s2 = fromSkill;
        this.s3 = toSkill;
        return this;
    }

    /** Fills this slot with a {@link CardEvent.SlaBreached}; returns it. */
    Output slaBreached(long card, long time, String rule, long limitMillis, long actualMillis) {
        clear(OutputKind.SLA_BREACHED);
        this.call = card;
        this.time = time;
        this.s1 = rule;
        this.n1 = limitMillis;
        this.n2 = actualMillis;
        return this;
    }

    /** Fills this slot with a {@link CardEvent.WrapUpStarted}; returns it. */
    Output wrapUpStarted(long card, long time, String agentId) {
        clear(OutputKind.WRAP_UP_STARTED);
        this.call = card;
        this.time = time;
        this.s1 = agentId;
        return this;
    }

    /** Fills this slot with a {@link CardEvent.WrapUpEnded}; returns it. */
    Output wrapUpEnded(long card, long time, String agentId, long wrapUpMillis) {
        clear(OutputKind.WRAP_UP_ENDED);
        this.call = card;
        this.time = time;
        this.s1 = agentId;
        this.n1 = wrapUpMillis;
        return this;
    }

    /** Fills this slot with a {@link CardEvent.CallbackBooked}; returns it. */
    Output callbackBooked(long card, long time, String agentId, long at, String note) {
        clear(OutputKind.CALLBACK_BOOKED);
        this.call = card;
        this.time = time;
        this.s1 = agentId;
        this.n1 = at;
        this.s2 = note;
        return this;
    }

    /** Fills this slot with a {@link CardEvent.SupervisorAssigned}; returns it. */
    Output supervisorAssigned(long card, long time, String agentId) {
        clear(OutputKind.SUPERVISOR_ASSIGNED);
        this.call = card;
        this.time = time;
        this.s1 = agentId;
        return this;
    }

    /** Fills this slot with a {@link CardEvent.OperatorNote}; returns it. */
    Output operatorNote(long card, long time, String agentId, java.util.Map<String, String> fields) {
        clear(OutputKind.OPERATOR_NOTE);
        this.call = card;
        this.time = time;
        this.s1 = agentId;
        this.r1 = fields;
        return this;
    }

    /** Fills this slot with a {@link CardEvent.Unanswered}; returns it. */
    Output unanswered(long card, long time, String reason, String skill) {
        clear(OutputKind.UNANSWERED);
        this.call = card;
        this.time = time;
        this.s1 = reason;
        this.s2 = skill;
        return this;
    }

    /** Fills this slot with a {@link CardEvent.CalledBack}; returns it. */
    Output calledBack(long card, long time, String agentId, long callback) {
        clear(OutputKind.CALLED_BACK);
        this.call = card;
        this.time = time;
        this.s1 = agentId;
        this.n1 = callback;
        return this;
    }

    /** Fills this slot with a {@link CardEvent.CallbackOf}; returns it. */
    Output callbackOf(long card, long time, String agentId, long request) {
        clear(OutputKind.CALLBACK_OF);
        this.call = card;
        this.time = time;
        this.s1 = agentId;
        this.n1 = request;
        return this;
    }

    /** Fills this slot with a {@link CardEvent.CallEnded}; returns it. */
    Output callEnded(long card, long time, String cause) {
        clear(OutputKind.CALL_ENDED);
        this.call = card;
        this.time = time;
        this.s1 = cause;
        return this;
    }

    /** Fills this slot with a {@link CardEvent.CardClosed}; returns it. */
    Output cardClosed(long card, long time, String status, String reason, long totalMillis) {
        clear(OutputKind.CARD_CLOSED);
        this.call = card;
        this.time = time;
        this.s1 = status;
        this.s2 = reason;
        this.n1 = totalMillis;
        return this;
    }

    /** Fills this slot with a {@link CardEvent.Alarm}; returns it. */
    Output alarm(long card, long time, String text) {
        clear(OutputKind.ALARM);
        this.call = card;
        this.time = time;
        this.s1 = text;
        return this;
    }
}
