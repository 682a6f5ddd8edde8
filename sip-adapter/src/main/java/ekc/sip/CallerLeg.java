package ekc.sip;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;

/**
 * A call as SIP sees it: the citizen's leg (their INVITE and dialog, or for a call-back the
 * {@link #citizen} leg EKC places) and the legs to operators' phones. Fields are touched only on the
 * call's lane (see {@link Lanes}); the maps that find it are concurrent.
 */
final class CallerLeg implements Leg {

    final long callId;
    final String sipCallId;
    final int lane;
    /** The citizen's INVITE; null for a call-back, where {@link #citizen} is the citizen's leg. */
    final Request invite;
    final ServerTransaction inviteTx;
    final String toTag;
    final String transport;
    /** The caller's SDP offer, or null when the INVITE came without one (delayed offer). */
    final Sdp offer;
    /** The caller's region as published in CallOffered (for second-line transfer codes), or null. */
    final String region;

    Dialog dialog;
    boolean answered;
    boolean ended;
    boolean mediaAllocated;
    /** Media knows where to send (prompts may play): on the ACK, not on our 200 OK (see B2bua#answer). */
    boolean mediaConnected;
    int localPort;
    int payloadType = Sdp.PCMU;
    int telephoneEvent = -1;
    final Map<String, OutLeg> agents = new LinkedHashMap<>();
    OutLeg citizen;
    /** A call-back's E.164 number to dial once the operator answers (checked by {@link TollGuard}). */
    String pendingCitizen;

    CallerLeg(long callId, String sipCallId, int lane, Request invite, ServerTransaction inviteTx, String toTag,
              String transport, Sdp offer, String region) {
        this.callId = callId;
        this.sipCallId = sipCallId;
        this.lane = lane;
        this.invite = invite;
        this.inviteTx = inviteTx;
        this.toTag = toTag;
        this.transport = transport;
        this.offer = offer;
        this.region = region;
    }

    @Override
    public int lane() {
        return lane;
    }

    @Override
    public CallerLeg call() {
        return this;
    }
}
