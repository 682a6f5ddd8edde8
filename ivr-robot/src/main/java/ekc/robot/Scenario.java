package ekc.robot;

import java.util.Map;

/**
 * A robot dialog scenario (R11): a linked chain of closed questions. Each step asks a yes/no
 * question; each answer leads to another step of the scenario, a question of the knowledge base
 * (Yana answers it), or one of {@link #END}, {@link #FIRST_LINE}, {@link #SECOND_LINE}.
 */
record Scenario(String id, String first, Map<String, Step> steps) {

    /** Back to "anything else?". */
    static final String END = "end";
    static final String FIRST_LINE = "first-line";
    static final String SECOND_LINE = "second-line";

    record Step(String id, String ask, String yes, String no) {}

    /** The prompt name of a step. */
    static String promptOf(String scenario, String step) {
        return scenario + "." + step;
    }
}
