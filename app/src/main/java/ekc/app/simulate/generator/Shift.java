package ekc.app.simulate.generator;

/** Operators on duty from hour {@code from} to hour {@code to} of the run; {@code share} of their group. */
public record Shift(double from, double to, double share) {

    public Shift {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("a shift runs from an hour to a later one, not " + from + "–" + to);
        }
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("a shift's share is 0..1, not " + share);
        }
    }

    public long fromMillis() {
        return Math.round(from * 3_600_000.0);
    }

    public long toMillis() {
        return Math.round(to * 3_600_000.0);
    }

    /** How many of {@code total} operators work each shift: by share, rounding so the sum is exact. */
    public static int[] split(int total, java.util.List<Shift> shifts) {
        int[] n = new int[shifts.size()];
        double sum = 0;
        for (Shift s : shifts) {
            sum += s.share();
        }
        int given = 0;
        double acc = 0;
        for (int i = 0; i < n.length; i++) {
            acc += shifts.get(i).share() / (sum > 0 ? sum : 1);
            int upTo = (int) Math.round(acc * total);
            n[i] = upTo - given;
            given = upTo;
        }
        return n;
    }
}
