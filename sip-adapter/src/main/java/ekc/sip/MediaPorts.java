package ekc.sip;

/**
 * The media side as SIP needs it: an RTP port per leg, told where the far end listens, freed when
 * the dialog ends. The app implements it with the media module's {@code MediaServer}.
 * Called on the SIP adapter's lane threads (one per dialog at a time); implementations must be
 * thread-safe and return quickly.
 *
 * <p>Leg ids: a caller's leg has the call id as its leg id; an operator's leg has the id
 * {@link SipAdapter#agentLeg} returns.
 */
public interface MediaPorts {

    /** Reserves a local RTP port for a leg and returns it (what goes into our SDP). */
    int allocate(long legId, long callId, boolean callerLeg);

    /** The far end's RTP address and the negotiated payload types ({@code telephoneEventPt} −1 when none). */
    void connect(long legId, String remoteHost, int remotePort, int payloadType, int telephoneEventPt);

    /** The leg is over; the port may be reused. Called once per allocated leg. */
    void release(long legId);

    /** The address RTP is sent from and advertised in SDP. */
    String host();
}
