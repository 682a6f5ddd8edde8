package ekc.media;

/** A DTMF digit on a non-caller leg (an operator's phone). Called on the leg's Netty event loop; never block. */
@FunctionalInterface
public interface DtmfListener {
    void digit(long legId, long callId, char digit);
}
