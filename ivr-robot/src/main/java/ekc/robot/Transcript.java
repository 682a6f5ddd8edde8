package ekc.robot;

/** What the recogniser heard in one utterance: the words ({@code [unk]} in a grammar = not understood) and their mean confidence. */
record Transcript(String text, float confidence) {

    static final String UNKNOWN = "[unk]";

    boolean isEmpty() {
        return text.isBlank();
    }

    /** Nothing but {@code [unk]} (or nothing at all). */
    boolean notUnderstood() {
        return text.replace(UNKNOWN, "").isBlank();
    }
}
