package ekc.engine;

/** How Yana's part of a call ended: answered from the knowledge base; the caller said they are done; to first line (not recognised R4, or informing not completed R5); to second line of a participant and region (R3); the caller hung up. */
public enum RobotOutcome {
    ANSWERED, CALLER_DONE, FIRST_LINE, SECOND_LINE, CALLER_GONE
}
