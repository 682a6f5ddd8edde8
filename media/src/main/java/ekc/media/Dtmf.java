package ekc.media;

/** DTMF digits, their RFC 4733 event codes and their tone pairs (ITU-T Q.23). Stateless. */
final class Dtmf {

    static final String DIGITS = "0123456789*#ABCD";
    static final int[] ROWS = {697, 770, 852, 941};
    static final int[] COLUMNS = {1209, 1336, 1477, 1633};
    /** Keypad layout: row × column → digit. */
    static final char[][] KEYPAD = {
        {'1', '2', '3', 'A'},
        {'4', '5', '6', 'B'},
        {'7', '8', '9', 'C'},
        {'*', '0', '#', 'D'},
    };

    private Dtmf() {}

    /** RFC 4733 event code of a digit (0–15), or -1. */
    static int eventOf(char digit) {
        return DIGITS.indexOf(Character.toUpperCase(digit));
    }

    /** The digit of an RFC 4733 event code, or 0 for events that are not DTMF digits. */
    static char digitOf(int event) {
        return event >= 0 && event < DIGITS.length() ? DIGITS.charAt(event) : 0;
    }

    static int rowOf(char digit) {
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                if (KEYPAD[r][c] == Character.toUpperCase(digit)) {
                    return r;
                }
            }
        }
        return -1;
    }

    static int columnOf(char digit) {
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                if (KEYPAD[r][c] == Character.toUpperCase(digit)) {
                    return c;
                }
            }
        }
        return -1;
    }
}
