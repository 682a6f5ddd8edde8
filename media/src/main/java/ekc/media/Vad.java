package ekc.media;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Voice activity detection on 20 ms frames of 8 kHz audio. Speech is energy well above the noise floor,
 * and the floor is the quietest frame of the last 2 seconds (minimum statistics): steady noise — line hiss,
 * a fan, a car — raises the floor with it and stays "silence", while speech, which pauses between syllables
 * and words, keeps finding its floor in those pauses. Speech starts after 2 loud frames (40 ms, so a click is
 * not a word) and ends 400 ms after the last loud frame (so the gap between words does not end an utterance).
 * One instance per stream; one thread.
 */
final class Vad {

    /** dB above the floor that counts as speech. */
    static final double MARGIN_DB = 12;
    /** Below this level (dBFS) nothing is speech, whatever the floor. */
    static final double ABSOLUTE_DB = -50;
    private static final int ONSET_FRAMES = 2;
    private static final int HANGOVER_FRAMES = 20;
    private static final int BLOCKS = 10;
    private static final int BLOCK_FRAMES = 10;

    /** Minimum energy of each of the last BLOCKS blocks of BLOCK_FRAMES frames; the current block is being filled. */
    private final double[] blockMin = new double[BLOCKS];
    private int block;
    private int inBlock;
    private int blocksSeen;
    private int loud;
    private int quiet;
    private boolean speech;
    private double lastDb;
    // Read by stats snapshots from other threads (acquire), written by the loop's thread (release).
    private long speechFrames;
    private long frames;
    private static final VarHandle FRAMES = Fields.of(MethodHandles.lookup(), "frames", long.class);
    private static final VarHandle SPEECH_FRAMES = Fields.of(MethodHandles.lookup(), "speechFrames", long.class);

    Vad() {
        java.util.Arrays.fill(blockMin, Double.MAX_VALUE);
    }

    /** Returns the decision for this frame. */
    boolean process(short[] pcm, int length) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            double s = pcm[i];
            sum += s * s;
        }
        return decide(sum, length);
    }

    /**
     * The same decision from the frame's G.711 codes, without decoding them (a leg that only needs voice activity, the
     * caller's with no recogniser listening): the energy is the same exact sum ({@link G711#energy}).
     */
    boolean process(byte[] codes, int payloadType, int length) {
        return decide(G711.energy(payloadType, codes, length), length);
    }

    private boolean decide(double sum, int length) {
        double db = 10 * Math.log10(sum / length / (32768.0 * 32768.0) + 1e-10);
        lastDb = db;
        if (db < blockMin[block]) {
            blockMin[block] = db;
        }
        double floor = Double.MAX_VALUE;
        for (int i = 0; i < BLOCKS; i++) {
            floor = Math.min(floor, blockMin[i]);
        }
        boolean loudFrame = db > ABSOLUTE_DB && db > floor + MARGIN_DB;
        if (++inBlock == BLOCK_FRAMES) {
            inBlock = 0;
            block = (block + 1) % BLOCKS;
            blockMin[block] = Double.MAX_VALUE;
            blocksSeen++;
        }
        if (loudFrame) {
            loud++;
            quiet = 0;
            if (!speech && loud >= ONSET_FRAMES) {
                speech = true;
            }
        } else {
            loud = 0;
            if (speech && ++quiet >= HANGOVER_FRAMES) {
                speech = false;
            }
        }
        // Release stores, not volatile ones: snapshots on other threads need the figures, not a fence per frame.
        FRAMES.setRelease(this, frames + 1);
        if (speech) {
            SPEECH_FRAMES.setRelease(this, speechFrames + 1);
        }
        return speech;
    }

    boolean speech() {
        return speech;
    }

    /** Share of frames so far judged speech, for talk/silence analytics. */
    double talkShare() {
        long n = frames();
        return n == 0 ? 0 : (double) speechFrames() / n;
    }

    long frames() {
        return (long) FRAMES.getAcquire(this);
    }

    long speechFrames() {
        return (long) SPEECH_FRAMES.getAcquire(this);
    }

    double lastLevelDb() {
        return lastDb;
    }
}
