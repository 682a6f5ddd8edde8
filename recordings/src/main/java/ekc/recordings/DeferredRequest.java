package ekc.recordings;

import ekc.engine.CardEvent;
import ekc.engine.Channel;
import ekc.engine.Input;
import ekc.engine.Skill;

/**
 * What an open card says about its deferred request (R20, R24, R25, R27), read from its events in journal
 * order at restart: whether one is still waiting for its call-back, and what the engine needs to take it
 * back. Confined to the thread that reads.
 */
final class DeferredRequest {

    private final long card;
    private String caller;
    private String region;
    private Channel channel = Channel.VOICE;
    private long opened;
    private String skill;
    /** Where its first {@code Queued} stands in the journal: the order of places in line. */
    private long firstQueued = Long.MAX_VALUE;
    private boolean callEnded;
    private boolean booked;
    private long registeredAt;
    private long callbackAt;
    private String assignedAgent;
    private boolean deadlineReported;

    DeferredRequest(long card) {
        this.card = card;
    }

    void apply(long index, CardEvent e) {
        if (e instanceof CardEvent.CardOpened o) {
            caller = o.caller();
            region = o.region();
            channel = o.channel() != null ? o.channel() : Channel.VOICE;
            opened = o.time();
        } else if (e instanceof CardEvent.Queued q) {
            skill = q.skill();
            firstQueued = Math.min(firstQueued, index);
        } else if (e instanceof CardEvent.CallbackBooked b) {
            booked = true;
            registeredAt = b.time();
            callbackAt = b.at();
            deadlineReported = false;
        } else if (e instanceof CardEvent.SupervisorAssigned s) {
            assignedAgent = s.agentId();
        } else if (e instanceof CardEvent.SlaBreached s && "R27".equals(s.rule())) {
            deadlineReported = true;
        } else if (e instanceof CardEvent.CallEnded) {
            callEnded = true;
        } else if (e instanceof CardEvent.OperatorConnected && callEnded) {
            booked = false; // the citizen's call is over, so this is the call-back: answered (R27 met)
        } else if (e instanceof CardEvent.Unanswered) {
            booked = false; // the call-back failed: on the line's list, no longer deferred (R28)
        }
    }

    /** True when a call-back is still to be made: booked and neither answered nor given up. */
    boolean waiting() {
        return booked && skill != null;
    }

    boolean callEnded() {
        return callEnded;
    }

    long place() {
        return firstQueued;
    }

    Input.DeferredRestored input() {
        return new Input.DeferredRestored(card, caller, region != null ? region : regionOf(skill), channel, opened, skill,
                registeredAt, callbackAt, assignedAgent, deadlineReported);
    }

    /** The region a second-line skill names: the one Yana found when the number did not tell (R9, R27's zone). */
    private static String regionOf(String skill) {
        try {
            return Skill.parse(skill).region();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
