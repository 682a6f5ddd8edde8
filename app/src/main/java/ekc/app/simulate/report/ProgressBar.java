package ekc.app.simulate.report;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar redrawn in place ({@code \r}) on a terminal's stderr. Called on the
 * simulating thread; redraws at most once per percent.
 */
public final class ProgressBar {

    private static final int WIDTH = 40;

    private final PrintStream out;
    private int shown = -1;

    public ProgressBar(PrintStream out) {
        this.out = out;
    }

    /** @param done fraction 0..1 of the simulated period; {@code calls} offered so far */
    public void update(double done, long calls) {
        int percent = (int) Math.floor(Math.max(0, Math.min(1, done)) * 100);
        if (percent == shown) {
            return;
        }
        shown = percent;
        int filled = percent * WIDTH / 100;
        out.print(String.format(Locale.ROOT, "\r[%s%s] %3d%%  %,d calls", "#".repeat(filled), ".".repeat(WIDTH - filled), percent, calls));
        out.flush();
    }

    public void finish() {
        if (shown >= 0) {
            out.println();
            out.flush();
        }
    }
}
