package ekc.engine;

/** Inbound call or an operator's outbound call (R29, R30). */
public enum Direction {
    INBOUND, OUTBOUND
}
