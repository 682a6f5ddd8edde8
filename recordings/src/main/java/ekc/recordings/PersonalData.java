package ekc.recordings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data (SNILS; secret codes) for lists, logs and those not allowed to see it whole:
 * {@code 029-478-248 91} becomes {@code ***-***-248 91}. Any thread.
 */
public final class PersonalData {

    /** A SNILS however written: 029-478-248 91, 02947824891, 029 478 248-91. */
    private static final Pattern SNILS = Pattern.compile("(?<!\\d)(\\d{3})[- ]?(\\d{3})[- ]?(\\d{3})[- ]?(\\d{2})(?!\\d)");
    /** Operator fields never shown in lists or logs. */
    private static final List<String> SECRET_FIELDS = List.of("secretCode", "codeWord");

    private PersonalData() {
    }

    /** The text with every SNILS in it masked. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = SNILS.matcher(text);
        return m.replaceAll(r -> {
            String digits = r.group(1) + r.group(2) + r.group(3) + r.group(4);
            boolean written = r.group().length() > 11;
            boolean phone = r.start() > 0 && text.charAt(r.start() - 1) == '+';
            // Eleven bare digits may be a phone number: mask them only when the SNILS checksum holds.
            if (written || (!phone && checksumHolds(digits))) {
                return "***-***-" + r.group(3) + " " + r.group(4);
            }
            return Matcher.quoteReplacement(r.group());
        });
    }

    /** The SNILS control number: digits weighted 9..1, summed, modulo 101, 100 written as 00. */
    static boolean checksumHolds(String digits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (9 - i);
        }
        int check = sum % 101;
        if (check == 100) {
            check = 0;
        }
        return check == Integer.parseInt(digits.substring(9));
    }

    /** The card with SNILS masked everywhere and secret codes hidden. */
    public static Card mask(Card c) {
        List<Card.Note> notes = new ArrayList<>(c.notes().size());
        for (Card.Note n : c.notes()) {
            notes.add(new Card.Note(n.time(), n.agentId(), mask(n.fields())));
        }
        List<Card.Utterance> transcript = new ArrayList<>(c.transcript().size());
        for (Card.Utterance u : c.transcript()) {
            transcript.add(new Card.Utterance(u.time(), u.fromCaller(), mask(u.text()), u.confidence()));
        }
        List<Card.Entry> timeline = new ArrayList<>(c.timeline().size());
        for (Card.Entry e : c.timeline()) {
            timeline.add(new Card.Entry(e.time(), mask(e.text())));
        }
        return new Card(c.number(), c.caller(), c.region(), c.direction(), c.channel(), c.called(), c.receivedAt(),
                c.status(), c.statusReason(), c.topics(), c.queueMillis(), c.robotMillis(), c.activities(),
                List.copyOf(transcript), List.copyOf(notes), mask(c.fields()), List.copyOf(timeline), c.alarms(),
                c.wrapUpStartedAt(), c.wrapUpMillis(), c.endedAt(), c.closedAt(), c.totalMillis(),
                c.unansweredSkill(), c.callbackOf(), c.calledBackIn());
    }

    private static Map<String, String> mask(Map<String, String> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : fields.entrySet()) {
            out.put(e.getKey(), SECRET_FIELDS.contains(e.getKey()) ? "***" : mask(e.getValue()));
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
