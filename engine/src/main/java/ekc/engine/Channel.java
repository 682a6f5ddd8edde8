package ekc.engine;

/** Phone call or text chat (R13). */
public enum Channel {
    VOICE, TEXT
}
