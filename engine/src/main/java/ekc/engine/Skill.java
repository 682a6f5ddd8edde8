package ekc.engine;

import java.util.Objects;

/**
 * What an operator can serve and a request needs: participant × line, plus the region on the
 * second line (R9). The name is the one the deck's cards show: {@code СФР-1 линия},
 * {@code ОСФР Краснодарский край, 2 линия}.
 */
public record Skill(Participant participant, Line line, String region) {

    public Skill {
        Objects.requireNonNull(participant, "participant");
        Objects.requireNonNull(line, "line");
        if (line == Line.ROBOT) {
            throw new IllegalArgumentException("the robot is not a skill");
        }
        if (line == Line.FIRST && region != null) {
            throw new IllegalArgumentException("first line is not regional: " + region);
        }
    }

    public static Skill firstLine(Participant participant) {
        return new Skill(participant, Line.FIRST, null);
    }

    public static Skill secondLine(Participant participant, String region) {
        return new Skill(participant, Line.SECOND, region);
    }

    public String name() {
        if (line == Line.FIRST) {
            return participant.code() + "-1 линия";
        }
        return region == null ? participant.code() + "-2 линия" : participant.branch() + " " + region + ", 2 линия";
    }

    /** The inverse of {@link #name()}. */
    public static Skill parse(String name) {
        String s = name.strip();
        for (Participant p : Participant.values()) {
            if (s.equals(p.code() + "-1 линия")) {
                return firstLine(p);
            }
            if (s.equals(p.code() + "-2 линия")) {
                return secondLine(p, null);
            }
        }
        if (s.endsWith(", 2 линия")) {
            String head = s.substring(0, s.length() - ", 2 линия".length());
            Participant best = null;
            for (Participant p : Participant.values()) {
                if (head.startsWith(p.branch() + " ") && (best == null || p.branch().length() > best.branch().length())) {
                    best = p;
                }
            }
            if (best != null) {
                return secondLine(best, head.substring(best.branch().length() + 1));
            }
        }
        throw new IllegalArgumentException("not a skill name: '" + name + "' (expected e.g. 'СФР-1 линия' or 'ОСФР Краснодарский край, 2 линия')");
    }

    @Override
    public String toString() {
        return name();
    }
}
