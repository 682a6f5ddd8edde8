package ekc.engine;

/** What a card's timer is for. */
enum TimerKind {
    /** The operator's phone rang too long. */
    RING_NO_ANSWER,
    /** R5 / R19: not yet talking to an operator within the limit. */
    CONNECT_SLA,
    /** R33: the caller has been silent too long. */
    SILENCE,
    /** R34: the operator was warned and did not act. */
    CLOSE_WARNING,
    /** R27: the deferred request's working-hours deadline. */
    DEFERRED_DEADLINE,
    /** R20: the booked call-back is due. */
    CALLBACK_DUE,
    /** The caller hung up on Yana: her last words (an utterance cut off) are awaited this long before the card closes. */
    ROBOT_LEAVING
}
