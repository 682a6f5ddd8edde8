package ekc.engine;

/** An operator's state in the engine. Reserved = their phone is ringing with a request. */
public enum AgentState {
    LOGGED_OUT, READY, NOT_READY, RESERVED, TALKING, WRAP_UP
}
