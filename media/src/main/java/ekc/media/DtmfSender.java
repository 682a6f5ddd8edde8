package ekc.media;

/**
 * Sends one DTMF digit, 20 ms at a time: as RFC 4733 events (a start packet with the marker, continuation
 * packets with growing duration, the end packet three times, all on the event's first timestamp) or, when the
 * peer negotiated no telephone-event, as the tone pair in the audio. The digit lasts 100 ms, followed by 60 ms
 * of pause so that digits in a row stay apart. One thread (the leg's event loop).
 */
final class DtmfSender {

    static final int TONE_FRAMES = 5;
    static final int PAUSE_FRAMES = 3;
    private static final int SAMPLES = Prompt.FRAME;
    /** -10 dBm0 per tone, roughly: comfortably inside Q.24's acceptance. */
    private static final double AMPLITUDE = 7000;

    @FunctionalInterface
    interface EventOut {
        void send(boolean marker, int timestamp, byte[] payload);
    }

    private final char digit;
    private final int event;
    private final int startTimestamp;
    private int frame;
    private int endsSent;

    DtmfSender(char digit, int startTimestamp) {
        this.digit = digit;
        this.event = Dtmf.eventOf(digit);
        this.startTimestamp = startTimestamp;
    }

    /** The next 20 ms as RFC 4733 packets. */
    void nextEvents(EventOut out) {
        if (frame < TONE_FRAMES) {
            frame++;
            out.send(frame == 1, startTimestamp, payload(false, frame * SAMPLES));
            if (frame == TONE_FRAMES) {
                // The end, three times for robustness (RFC 4733 §2.5.1.4), same duration.
                for (int i = 0; i < 3; i++) {
                    out.send(false, startTimestamp, payload(true, TONE_FRAMES * SAMPLES));
                    endsSent++;
                }
            }
        } else {
            frame++;
        }
    }

    /** The next 20 ms as audio: the tone pair, then silence. */
    void nextTone(short[] pcm) {
        if (frame < TONE_FRAMES) {
            double fr = Dtmf.ROWS[Dtmf.rowOf(digit)];
            double fc = Dtmf.COLUMNS[Dtmf.columnOf(digit)];
            for (int i = 0; i < SAMPLES; i++) {
                double t = (frame * SAMPLES + i) / 8000.0;
                pcm[i] = (short) (AMPLITUDE * (Math.sin(2 * Math.PI * fr * t) + Math.sin(2 * Math.PI * fc * t)));
            }
        } else {
            java.util.Arrays.fill(pcm, 0, SAMPLES, (short) 0);
        }
        frame++;
    }

    boolean finished() {
        return frame >= TONE_FRAMES + PAUSE_FRAMES;
    }

    private byte[] payload(boolean end, int duration) {
        int volume = 10; // -10 dBm0
        return new byte[] {(byte) event, (byte) ((end ? 0x80 : 0) | volume), (byte) (duration >> 8), (byte) duration};
    }
}
