package ekc.engine;

/**
 * One request (обращение) and its card, from the offer to the card's closing; the call id is the
 * card number, and transfers and call-backs keep it (R6). Engine thread only.
 */
final class Card {

    /** Where the request is. */
    enum Phase {
        /** Yana (or the greeting skeleton) has the call. */
        ROBOT,
        /** Waiting in a skill's queue or an operator's assigned list. */
        QUEUED,
        /** An operator's phone is ringing. */
        RINGING,
        /** Talking to an operator. */
        TALKING,
        /** The citizen's call is over; wrap-ups or a deferred call-back may remain. */
        ENDED
    }

    // set again by reuse(): a closed card is recycled for a later call, so no card is garbage
    long id;
    String caller;
    String region;
    Channel channel;
    long opened;
    Phase phase;
    boolean callUp;
    boolean closed;
    long robotStart;
    Participant participant;

    // queueing
    SkillQueue queue;
    int priority;
    long seq;
    long queuedAt;
    int heapIndex;
    Agent assigned;

    // operator
    Agent agent;
    Line line;
    long talkStart;
    boolean connectedOnce;

    // SLA (R5, R19)
    String slaRule;
    long slaStart;
    long slaLimit;

    // deferred request (R20, R24, R25, R27)
    boolean deferred;
    boolean callbackDue;
    boolean callback;
    long registeredAt;
    long deadline;

    int pendingWrapUps;
    /** The caller hung up on Yana; the card waits for her RobotFinished (after any cut-off utterance) to close. */
    boolean robotLeaving;
    String status;
    String reason;

    final Timer ringTimer = new Timer(this, TimerKind.RING_NO_ANSWER);
    final Timer slaTimer = new Timer(this, TimerKind.CONNECT_SLA);
    final Timer silenceTimer = new Timer(this, TimerKind.SILENCE);
    final Timer warnTimer = new Timer(this, TimerKind.CLOSE_WARNING);
    final Timer deadlineTimer = new Timer(this, TimerKind.DEFERRED_DEADLINE);
    final Timer callbackTimer = new Timer(this, TimerKind.CALLBACK_DUE);
    final Timer robotTimer = new Timer(this, TimerKind.ROBOT_LEAVING);

    Card(long id, String caller, String region, Channel channel, long opened) {
        reuse(id, caller, region, channel, opened);
    }

    /** A new request in this object: every field as a fresh card has it (the timers are idle already). */
    void reuse(long id, String caller, String region, Channel channel, long opened) {
        this.id = id;
        this.caller = caller;
        this.region = region;
        this.channel = channel;
        this.opened = opened;
        phase = Phase.ROBOT;
        callUp = true;
        closed = false;
        robotStart = 0;
        participant = null;
        queue = null;
        priority = 0;
        seq = 0;
        queuedAt = 0;
        heapIndex = -1;
        assigned = null;
        agent = null;
        line = null;
        talkStart = 0;
        connectedOnce = false;
        slaRule = null;
        slaStart = 0;
        slaLimit = 0;
        deferred = false;
        callbackDue = false;
        callback = false;
        registeredAt = 0;
        deadline = 0;
        pendingWrapUps = 0;
        robotLeaving = false;
        status = "served";
        reason = "обслужено";
    }

    /** Nothing points here any more (no queue, operator or timer), so the object may be reused. */
    boolean free() {
        return closed && heapIndex < 0 && agent == null && assigned == null
                && !ringTimer.pending() && !slaTimer.pending() && !silenceTimer.pending()
                && !warnTimer.pending() && !deadlineTimer.pending() && !callbackTimer.pending()
                && !robotTimer.pending();
    }

    /** R25: deferred requests and call-backs go first. */
    static final int PRIORITY_NORMAL = 0;
    static final int PRIORITY_DEFERRED = 10;
}
