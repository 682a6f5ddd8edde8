package ekc.media;

/**
 * A prompt ready to send: its audio already encoded in both G.711 laws, in 20 ms frames of 160 bytes
 * (the last frame padded with silence). Immutable; shared by every call that plays it.
 */
record Prompt(String name, byte[] pcmu, byte[] pcma, int frames) {

    static final int FRAME = 160;

    static Prompt of(String name, short[] pcm8k) {
        int frames = Math.max(1, (pcm8k.length + FRAME - 1) / FRAME);
        byte[] u = new byte[frames * FRAME];
        byte[] a = new byte[frames * FRAME];
        java.util.Arrays.fill(u, G711.silence(G711.PCMU));
        java.util.Arrays.fill(a, G711.silence(G711.PCMA));
        byte[] chunk = new byte[FRAME];
        for (int off = 0; off < pcm8k.length; off += FRAME) {
            int n = Math.min(FRAME, pcm8k.length - off);
            G711.encode(G711.PCMU, pcm8k, off, n, chunk);
            System.arraycopy(chunk, 0, u, off, n);
            G711.encode(G711.PCMA, pcm8k, off, n, chunk);
            System.arraycopy(chunk, 0, a, off, n);
        }
        return new Prompt(name, u, a, frames);
    }

    /** The encoded bytes for a payload type. */
    byte[] audio(int payloadType) {
        return payloadType == G711.PCMA ? pcma : pcmu;
    }

    long durationMillis() {
        return frames * 20L;
    }
}
