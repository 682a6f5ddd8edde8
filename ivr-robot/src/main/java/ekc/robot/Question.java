package ekc.robot;

import ekc.engine.Participant;
import java.util.List;

/**
 * A citizen's question (R11): the ways callers ask it, the plain answer Yana speaks (prompt named
 * after the id), and the rules (legal acts, practice) that justify the answer. {@code personal}
 * questions need personal data, so Yana never answers them herself (R2) but asks the region and
 * hands over to the second line (R3). {@code then} names a dialog scenario that follows the answer.
 */
record Question(String id, String topic, Participant participant, List<String> asked, String answer,
                List<String> rules, boolean personal, Action action, String then) {

    /** What matching this question makes Yana do. */
    enum Action {
        /** Speak the answer (or, when personal, go to the second line). */
        ANSWER,
        /** The caller asks for a person: first line, by the topic so far (R5). */
        OPERATOR,
        /** The caller says they are done. */
        DONE
    }
}
