package ekc.sip;

import ekc.config.SipTransfers;
import ekc.engine.Participant;
import ekc.engine.Skill;
import java.util.Optional;

/**
 * Reads the transfer service codes operators dial ({@code *11} → СФР-1 линия, {@code *21} → ОСФР of
 * the caller's region, 2 линия) into the target {@link ekc.engine.Input.TransferRequested} carries.
 * Anything else is not a transfer: EKC never dials a number an operator's phone supplies.
 * Thread-safe.
 */
final class TransferCodes {

    private final SipTransfers codes;

    TransferCodes(SipTransfers codes) {
        this.codes = codes;
    }

    /**
     * The skill name for a dialled code, or the code itself for a second-line transfer when the
     * caller's region is unknown (the engine then picks the region); empty when it is no code.
     */
    Optional<String> target(String dialled, String callerRegion) {
        if (dialled == null) {
            return Optional.empty();
        }
        String d = dialled.strip();
        if (d.endsWith("#")) {
            d = d.substring(0, d.length() - 1);
        }
        boolean first = d.startsWith(codes.firstLine());
        boolean second = d.startsWith(codes.secondLine());
        if (!first && !second) {
            return Optional.empty();
        }
        String digit = d.substring((first ? codes.firstLine() : codes.secondLine()).length());
        String participant = codes.participants().get(digit);
        if (participant == null) {
            return Optional.empty();
        }
        Participant p = Participant.of(participant);
        if (first) {
            return Optional.of(Skill.firstLine(p).name());
        }
        return Optional.of(callerRegion != null ? Skill.secondLine(p, callerRegion).name() : d);
    }

    /** True while {@code digits} may still grow into a code (DTMF collection). */
    boolean couldBecomeCode(String digits) {
        String a = codes.firstLine();
        String b = codes.secondLine();
        return a.startsWith(digits) || b.startsWith(digits) || digits.startsWith(a) || digits.startsWith(b);
    }
}
