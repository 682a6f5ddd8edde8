package ekc.media;

/**
 * Receives a caller's audio after the jitter buffer, resampled to 16 kHz, one 20 ms frame (320 samples) at a
 * time, with the voice activity decision for the frame. Called on the leg's Netty event loop: copy what you keep
 * ({@code pcm16k} is reused for the next frame) and never block.
 */
@FunctionalInterface
public interface AudioListener {
    void onFrame(long legId, short[] pcm16k, int samples, boolean speech, long timeMillis);
}
