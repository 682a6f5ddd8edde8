package ekc.sip;

import java.util.concurrent.ScheduledFuture;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;

/**
 * A leg EKC places: to an operator's phone (B2BUA) or, for a call-back, to the citizen through the
 * trunk. Fields are touched only on the call's lane.
 */
final class OutLeg implements Leg {

    enum State { RINGING, ANSWERED, CANCELLED, ENDED }

    final CallerLeg call;
    /** The agent this leg rings, or null for the citizen's leg of a call-back. */
    final String agentId;
    final long legId;
    final String sipCallId;

    ClientTransaction invite;
    Dialog dialog;
    State state = State.RINGING;
    ScheduledFuture<?> ringTimeout;
    boolean mediaAllocated;
    int localPort;
    /** Operator's phone only: digits it sent (SIP INFO), for DTMF transfer codes. */
    final StringBuilder digits = new StringBuilder();

    OutLeg(CallerLeg call, String agentId, long legId, String sipCallId) {
        this.call = call;
        this.agentId = agentId;
        this.legId = legId;
        this.sipCallId = sipCallId;
    }

    @Override
    public int lane() {
        return call.lane;
    }

    @Override
    public CallerLeg call() {
        return call;
    }

    boolean live() {
        return state == State.RINGING || state == State.ANSWERED;
    }
}
