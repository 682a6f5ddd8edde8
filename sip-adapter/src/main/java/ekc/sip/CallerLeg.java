package ekc.sip;

import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;

/**
 * A citizen's call as SIP sees it: the INVITE, its dialog and the media leg. Fields are touched only
 * on the call's lane (see {@link Lanes}); the maps that find it are concurrent.
 */
final class CallerLeg {

    final long callId;
    final String sipCallId;
    final int lane;
    final Request invite;
    final ServerTransaction inviteTx;
    final String toTag;
    final String transport;
    /** The caller's SDP offer, or null when the INVITE came without one (delayed offer). */
    final Sdp offer;

    Dialog dialog;
    boolean answered;
    boolean ended;
    boolean mediaAllocated;

    CallerLeg(long callId, String sipCallId, int lane, Request invite, ServerTransaction inviteTx, String toTag,
              String transport, Sdp offer) {
        this.callId = callId;
        this.sipCallId = sipCallId;
        this.lane = lane;
        this.invite = invite;
        this.inviteTx = inviteTx;
        this.toTag = toTag;
        this.transport = transport;
        this.offer = offer;
    }
}
