package ekc.app.http;

import ekc.config.HttpAccountConfig;
import ekc.recordings.Card;

/** A signed-in user of the API and what their role lets them do (R38). Immutable; any thread. */
record Account(String name, String role, String agentId, String center) {

    static Account of(HttpAccountConfig c) {
        return new Account(c.name(), c.role(), c.agentId(), c.center());
    }

    boolean operator() {
        return role.equals("first-line-operator") || role.equals("second-line-operator");
    }

    boolean supervisor() {
        return role.equals("supervisor");
    }

    /** Operators and supervisors work with cards; administrators and content managers do not. */
    boolean readsCards() {
        return operator() || supervisor();
    }

    /** Second-line operators work with personal data (R38); supervisors oversee them. */
    boolean seesPersonalData() {
        return role.equals("second-line-operator") || supervisor();
    }

    /** An operator sees the cards of their own work; a supervisor every card of their center. */
    boolean mayRead(Card c) {
        if (operator()) {
            return workedOn(c);
        }
        if (supervisor()) {
            return center == null || c.activities().stream().anyMatch(a -> a.skill() != null && a.skill().startsWith(center));
        }
        return false;
    }

    /** Operators enter fields on cards they worked on (R31). */
    boolean mayWrite(Card c) {
        return operator() && workedOn(c);
    }

    private boolean workedOn(Card c) {
        return c.operatorIds().contains(agentId) || c.notes().stream().anyMatch(n -> agentId.equals(n.agentId()));
    }
}
