package ekc.asterisk;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An operator's leg of a call on Asterisk: rung by Originate, reached by Redirect, or connected by
 * an Asterisk queue. Shared between the AMI event thread and the command thread, hence the
 * volatile fields and the one-shot {@link #answered} flag that keeps AgentAnswered single.
 */
final class AgentLeg {

    final long callId;
    final String agentId;
    final AtomicBoolean answered = new AtomicBoolean();
    volatile String uniqueId;
    volatile String channel;
    /** Started by EKC's Originate (not by Asterisk's queue, nor a Redirect of the citizen). */
    volatile boolean originated;

    AgentLeg(long callId, String agentId, String uniqueId) {
        this.callId = callId;
        this.agentId = agentId;
        this.uniqueId = uniqueId;
    }

    /** What a Hangup action may name: the channel, or Asterisk's uniqueid, which it also accepts. */
    String handle() {
        return channel != null ? channel : uniqueId;
    }
}
