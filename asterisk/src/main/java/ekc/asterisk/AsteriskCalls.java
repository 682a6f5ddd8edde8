package ekc.asterisk;

import ekc.engine.Input;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Which Asterisk channels belong to which EKC call, and what their changes mean for the engine.
 * Written by the FastAGI threads (callers arrive), the command thread (legs are started) and the
 * AMI event thread (legs answer and hang up), hence concurrent maps; each Input is published once,
 * by whichever thread first removes or flips the entry it depends on.
 */
final class AsteriskCalls {

    private final AsteriskAgents agents;
    private final Consumer<Input> engine;
    private final Map<String, CallerLeg> callerByUniqueId = new ConcurrentHashMap<>();
    private final Map<Long, CallerLeg> callerByCall = new ConcurrentHashMap<>();
    private final Map<String, AgentLeg> originating = new ConcurrentHashMap<>();
    private final Map<String, AgentLeg> redirected = new ConcurrentHashMap<>();
    private final Map<String, AgentLeg> legByUniqueId = new ConcurrentHashMap<>();
    private final Map<Long, List<AgentLeg>> legsByCall = new ConcurrentHashMap<>();
    private final java.util.Set<Long> held = ConcurrentHashMap.newKeySet();
    private final Map<Long, String> outcomes = new ConcurrentHashMap<>();

    AsteriskCalls(AsteriskAgents agents, Consumer<Input> engine) {
        this.agents = agents;
        this.engine = engine;
    }

    // ---- the citizen's leg (FastAGI) ----

    void callerArrived(CallerLeg leg) {
        callerByUniqueId.put(leg.uniqueId(), leg);
        callerByCall.put(leg.callId(), leg);
    }

    /** The call this Asterisk uniqueid (of the citizen's channel) belongs to, or null. */
    CallerLeg callerByUniqueId(String uniqueId) {
        return uniqueId == null ? null : callerByUniqueId.get(uniqueId);
    }

    CallerLeg caller(long callId) {
        return callerByCall.get(callId);
    }

    /** EKC redirected the citizen to its hold extension: EKC, not the dialplan, now decides the call's end. */
    void holding(CallerLeg leg) {
        held.add(leg.callId());
    }

    boolean held(CallerLeg leg) {
        return held.contains(leg.callId());
    }

    /** How the dialplan's queue or dial ended for the call ({@code queue TIMEOUT}); told with the hang-up. */
    void outcome(long callId, String outcome) {
        if (callerByCall.containsKey(callId)) {
            outcomes.put(callId, outcome);
        }
    }

    /** The citizen's channel is gone (AMI Hangup, or FastAGI saw the hang-up first). */
    void callerGone(String uniqueId, String cause) {
        CallerLeg leg = uniqueId == null ? null : callerByUniqueId.remove(uniqueId);
        if (leg != null) {
            callerByCall.remove(leg.callId());
            held.remove(leg.callId());
            String outcome = outcomes.remove(leg.callId());
            engine.accept(new Input.CallerHungUp(leg.callId(), outcome == null ? cause : cause + " (" + outcome + ")"));
        }
    }

    // ---- operators' legs ----

    /** An Originate is about to be sent; {@code actionId} comes back on its OriginateResponse. */
    AgentLeg originating(String actionId, long callId, String agentId, String channelId) {
        AgentLeg leg = new AgentLeg(callId, agentId, channelId);
        originating.put(actionId, leg);
        legByUniqueId.put(channelId, leg);
        legsByCall.computeIfAbsent(callId, k -> new CopyOnWriteArrayList<>()).add(leg);
        return leg;
    }

    /** Asterisk refused the Originate outright (a {@code Response: Error}). */
    void originateRefused(String actionId, String message) {
        AgentLeg leg = originating.remove(actionId);
        if (leg != null) {
            forget(leg);
            engine.accept(new Input.AgentRejected(leg.callId, leg.agentId, "Asterisk: " + message));
        }
    }

    /** OriginateResponse: {@code reason} is the last control frame (4 answered, 5 busy, 3 no answer, 8 congestion, 1 hangup, 0 failed). */
    void originateResult(String actionId, boolean success, Integer reason, String uniqueId, String channel) {
        AgentLeg leg = actionId == null ? null : originating.remove(actionId);
        if (leg == null) {
            return; // not ours: another manager client's Originate
        }
        if (success) {
            leg.channel = channel;
            if (uniqueId != null && !uniqueId.equals("<unknown>") && !uniqueId.equals(leg.uniqueId)) {
                legByUniqueId.remove(leg.uniqueId);
                leg.uniqueId = uniqueId;
                legByUniqueId.put(uniqueId, leg);
            }
            answered(leg);
        } else {
            forget(leg);
            engine.accept(new Input.AgentRejected(leg.callId, leg.agentId, cause(reason)));
        }
    }

    /** The citizen's channel was sent (Redirect) to the operator's extension; BridgeEnter will tell the answer. */
    AgentLeg redirecting(long callId, String agentId, String callerUniqueId) {
        AgentLeg leg = new AgentLeg(callId, agentId, null);
        redirected.put(callerUniqueId + "/" + agentId, leg);
        legsByCall.computeIfAbsent(callId, k -> new CopyOnWriteArrayList<>()).add(leg);
        return leg;
    }

    void redirectRefused(String callerUniqueId, AgentLeg leg, String message) {
        if (redirected.remove(callerUniqueId + "/" + leg.agentId) != null) {
            forget(leg);
            engine.accept(new Input.AgentRejected(leg.callId, leg.agentId, "Asterisk: " + message));
        }
    }

    /** BridgeEnter: an operator's channel joined a bridge; if it belongs to one of our calls, the operator answered. */
    void bridged(String channel, String uniqueId, String linkedId) {
        String agentId = agents.byChannel(channel);
        if (agentId == null) {
            return;
        }
        AgentLeg leg = legByUniqueId.get(uniqueId);
        if (leg == null && linkedId != null) {
            leg = redirected.remove(linkedId + "/" + agentId);
            if (leg == null) {
                CallerLeg caller = callerByUniqueId.get(linkedId);
                if (caller == null) {
                    return; // a call EKC did not route
                }
                leg = new AgentLeg(caller.callId(), agentId, uniqueId);
                legsByCall.computeIfAbsent(caller.callId(), k -> new CopyOnWriteArrayList<>()).add(leg);
            }
            leg.uniqueId = uniqueId;
            legByUniqueId.put(uniqueId, leg);
        }
        leg.channel = channel;
        CallerLeg caller = linkedId == null ? null : callerByUniqueId.get(linkedId);
        if (caller != null) {
            held.remove(caller.callId()); // with an operator again: the dialplan's call once more
        }
        answered(leg);
    }

    /** AgentConnect: an Asterisk queue connected one of our callers to an operator. */
    void queueConnected(String callerUniqueId, String memberInterface, String destChannel, String destUniqueId) {
        CallerLeg caller = callerByUniqueId(callerUniqueId);
        String agentId = agents.byDevice(memberInterface);
        if (agentId == null) {
            agentId = agents.byChannel(destChannel);
        }
        if (caller == null || agentId == null || destUniqueId == null) {
            return;
        }
        AgentLeg leg = legByUniqueId.get(destUniqueId);
        if (leg == null) {
            leg = new AgentLeg(caller.callId(), agentId, destUniqueId);
            AgentLeg raced = legByUniqueId.putIfAbsent(destUniqueId, leg);
            if (raced != null) {
                leg = raced;
            } else {
                legsByCall.computeIfAbsent(caller.callId(), k -> new CopyOnWriteArrayList<>()).add(leg);
            }
        }
        leg.channel = destChannel;
        answered(leg);
    }

    /** Hangup of any channel: the citizen's, an operator's, or one EKC does not know. */
    void hangup(String uniqueId, String causeText) {
        callerGone(uniqueId, "Asterisk: " + causeText);
        AgentLeg leg = uniqueId == null ? null : legByUniqueId.remove(uniqueId);
        if (leg != null) {
            forget(leg);
            if (leg.answered.get()) {
                engine.accept(new Input.AgentHungUp(leg.callId, leg.agentId));
            }
            // an unanswered leg's end is reported by its OriginateResponse (Failure)
        }
    }

    /** The operators' legs of a call, for Hangup actions. */
    List<AgentLeg> legs(long callId) {
        return legsByCall.getOrDefault(callId, List.of());
    }

    AgentLeg leg(long callId, String agentId) {
        for (AgentLeg leg : legs(callId)) {
            if (leg.agentId.equals(agentId)) {
                return leg;
            }
        }
        return null;
    }

    private void answered(AgentLeg leg) {
        if (leg.answered.compareAndSet(false, true)) {
            engine.accept(new Input.AgentAnswered(leg.callId, leg.agentId));
        }
    }

    private void forget(AgentLeg leg) {
        List<AgentLeg> legs = legsByCall.get(leg.callId);
        if (legs != null) {
            legs.remove(leg);
            if (legs.isEmpty()) {
                legsByCall.remove(leg.callId, legs);
            }
        }
        if (leg.uniqueId != null) {
            legByUniqueId.remove(leg.uniqueId, leg);
        }
    }

    static String cause(Integer reason) {
        if (reason == null) {
            return "Asterisk: originate failed";
        }
        switch (reason) {
            case 0: return "Asterisk: failed before ringing";
            case 1: return "Asterisk: hung up";
            case 3: return "Asterisk: no answer";
            case 5: return "Asterisk: busy";
            case 8: return "Asterisk: congestion";
            default: return "Asterisk: originate failed, reason " + reason;
        }
    }
}
