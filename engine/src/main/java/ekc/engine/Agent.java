package ekc.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** An operator as the engine sees them: state, skills, the request they hold. Engine thread only. */
final class Agent {

    final String id;
    final String name;
    final String extension;
    final int proficiency;
    final int order;
    final List<SkillQueue> queues = new ArrayList<>();
    /** Second-line skills' participants' first lines, added while the supervisor allows it (R38). */
    final List<SkillQueue> borrowed = new ArrayList<>();
    /** R24: deferred requests the supervisor gave to this operator, in order. */
    final ArrayDeque<Card> assigned = new ArrayDeque<>();

    AgentState state = AgentState.LOGGED_OUT;
    String reason = "";
    String contact;
    boolean reachable = true;
    long idleSince;
    long answered;
    Card card;
    Card wrapCard;
    long wrapStart;
    /** What the operator asked for while busy; applied when the current request is done. */
    AgentState after;
    String afterReason;

    Agent(String id, String name, String extension, int proficiency, int order) {
        this.id = id;
        this.name = name;
        this.extension = extension;
        this.proficiency = proficiency;
        this.order = order;
    }

    /** Ready, reachable, holding nothing. */
    boolean idle() {
        return state == AgentState.READY && reachable;
    }

    String contact() {
        return contact != null ? contact : extension;
    }
}
