package ekc.engine;

/** Which {@link Command} or {@link CardEvent} an {@link Output} slot holds: one constant per record. */
public enum OutputKind {
    /** {@link Command.AnswerCall} */
    ANSWER_CALL(true),
    /** {@link Command.PlayPrompt} */
    PLAY_PROMPT(true),
    /** {@link Command.StartRobot} */
    START_ROBOT(true),
    /** {@link Command.StopRobot} */
    STOP_ROBOT(true),
    /** {@link Command.RingAgent} */
    RING_AGENT(true),
    /** {@link Command.CancelAgent} */
    CANCEL_AGENT(true),
    /** {@link Command.Bridge} */
    BRIDGE(true),
    /** {@link Command.ReleaseAgent} */
    RELEASE_AGENT(true),
    /** {@link Command.HangUp} */
    HANG_UP(true),
    /** {@link Command.DialCitizen} */
    DIAL_CITIZEN(true),
    /** {@link Command.WarnAgent} */
    WARN_AGENT(true),
    /** {@link CardEvent.CardOpened} */
    CARD_OPENED(false),
    /** {@link CardEvent.RobotDialogStarted} */
    ROBOT_DIALOG_STARTED(false),
    /** {@link CardEvent.RobotUtterance} */
    ROBOT_UTTERANCE(false),
    /** {@link CardEvent.RobotSaid} */
    ROBOT_SAID(false),
    /** {@link CardEvent.PromptPlayed} */
    PROMPT_PLAYED(false),
    /** {@link CardEvent.RobotDialogEnded} */
    ROBOT_DIALOG_ENDED(false),
    /** {@link CardEvent.Queued} */
    QUEUED(false),
    /** {@link CardEvent.AgentRinging} */
    AGENT_RINGING(false),
    /** {@link CardEvent.AgentMissed} */
    AGENT_MISSED(false),
    /** {@link CardEvent.OperatorConnected} */
    OPERATOR_CONNECTED(false),
    /** {@link CardEvent.OperatorReleased} */
    OPERATOR_RELEASED(false),
    /** {@link CardEvent.TransferRequested} */
    TRANSFER_REQUESTED(false),
    /** {@link CardEvent.SlaBreached} */
    SLA_BREACHED(false),
    /** {@link CardEvent.WrapUpStarted} */
    WRAP_UP_STARTED(false),
    /** {@link CardEvent.WrapUpEnded} */
    WRAP_UP_ENDED(false),
    /** {@link CardEvent.CallbackBooked} */
    CALLBACK_BOOKED(false),
    /** {@link CardEvent.SupervisorAssigned} */
    SUPERVISOR_ASSIGNED(false),
    /** {@link CardEvent.OperatorNote} */
    OPERATOR_NOTE(false),
    /** {@link CardEvent.Unanswered} */
    UNANSWERED(false),
    /** {@link CardEvent.CalledBack} */
    CALLED_BACK(false),
    /** {@link CardEvent.CallbackOf} */
    CALLBACK_OF(false),
    /** {@link CardEvent.CallEnded} */
    CALL_ENDED(false),
    /** {@link CardEvent.CardClosed} */
    CARD_CLOSED(false),
    /** {@link CardEvent.Alarm} */
    ALARM(false);

    private final boolean command;

    OutputKind(boolean command) {
        this.command = command;
    }

    /** A command to an adapter (else a fact for the card). */
    public boolean command() {
        return command;
    }
}
