package ekc.media;

/**
 * Where a call's audio goes to be recorded: every 20 ms frame of each direction, as G.711 payload.
 * {@code fromCaller} frames are the caller's audio after the jitter buffer (lost packets concealed);
 * the others are what EKC sends the caller (prompts, Yana's speech, the bridged operator).
 * Called from Netty event loops: implementations must not block and must copy what they keep of {@code payload}.
 */
@FunctionalInterface
public interface RecordingSink {
    /** {@code length} bytes of {@code payload} from {@code offset}; the array is the caller's, reused at once. */
    void frame(long callId, boolean fromCaller, long timeMillis, byte[] payload, int offset, int length, int payloadType);
}
