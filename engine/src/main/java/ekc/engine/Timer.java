package ekc.engine;

/**
 * A timer of one card, preallocated with the card and rescheduled as often as needed (no garbage per
 * schedule). Engine thread only.
 */
final class Timer {

    static final byte IDLE = 0;
    static final byte WHEEL = 1;
    static final byte FAR = 2;

    final Card card;
    final TimerKind kind;
    long due;
    long order;
    byte where = IDLE;
    Timer prev;
    Timer next;

    Timer(Card card, TimerKind kind) {
        this.card = card;
        this.kind = kind;
    }

    boolean pending() {
        return where != IDLE;
    }
}
