package ekc.app.simulate.report;

import java.util.List;
import java.util.Locale;

/**
 * A simulation's day by the hour, as an SVG picture a supervisor can read at a glance: calls
 * offered per hour (bars) with the operators logged in (line) above, and service level within
 * 20 s, abandonment and occupancy (percent) below. Plain SVG, no library: any browser shows it.
 */
public final class Chart {

    private static final int WIDTH = 960;
    private static final int LEFT = 64;
    private static final int RIGHT = 64;
    private static final int TOP_Y = 84;
    private static final int TOP_H = 200;
    private static final int LOW_Y = TOP_Y + TOP_H + 64;
    private static final int LOW_H = 160;
    private static final int HEIGHT = LOW_Y + LOW_H + 72;

    private Chart() {}

    /** The SVG document for {@code report}'s hours; an hour with no calls draws no bar and no point. */
    public static String svg(Report report) {
        List<QueueStats> hours = report.hours();
        int n = Math.max(1, hours.size());
        double slot = (WIDTH - LEFT - RIGHT) / (double) n;
        long maxCalls = 1;
        double maxAgents = 1;
        for (QueueStats h : hours) {
            maxCalls = Math.max(maxCalls, h.calls());
            maxAgents = Math.max(maxAgents, h.staffedMillis / 3_600_000.0);
        }
        long callsTop = niceCeiling(maxCalls);
        long agentsTop = niceCeiling((long) Math.ceil(maxAgents));

        StringBuilder s = new StringBuilder(16_384);
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        QueueStats t = report.total();
        text(s, LEFT, 24, "start", 16, "bold", report.name());
        text(s, LEFT, 44, "start", 12, "normal", String.format(Locale.ROOT,
                "%,d calls · answered %,d · abandoned %,d · SL20 %.1f%% · SL60 %.1f%% · ASA %.1f s · occupancy %.1f%% · SLA breaches %,d",
                t.calls(), t.answeredCalls(), t.abandonedCalls(), 100 * t.serviceLevel20(), 100 * t.serviceLevel60(),
                t.asaSeconds(), 100 * t.occupancy(), t.slaBreaches()));

        // upper panel: calls offered (bars, left axis) and operators logged in (line, right axis)
        axes(s, TOP_Y, TOP_H, callsTop, "calls offered / hour", agentsTop, "operators logged in");
        for (int i = 0; i < hours.size(); i++) {
            long c = hours.get(i).calls();
            if (c == 0) {
                continue;
            }
            double h = TOP_H * (double) c / callsTop;
            s.append(String.format(Locale.ROOT,
                    "<rect class=\"calls\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#9ecae1\"><title>%s: %d calls</title></rect>%n",
                    LEFT + i * slot + slot * 0.1, TOP_Y + TOP_H - h, slot * 0.8, h, hourLabel(i), c));
        }
        polyline(s, hours, slot, TOP_Y, TOP_H, "#636363", "agents", h -> h.staffedMillis / 3_600_000.0 / agentsTop, false);

        // lower panel: percentages of the calls that arrived in each hour
        axes(s, LOW_Y, LOW_H, 100, "percent", 0, null);
        polyline(s, hours, slot, LOW_Y, LOW_H, "#31a354", "sl20", QueueStats::serviceLevel20, true);
        polyline(s, hours, slot, LOW_Y, LOW_H, "#de2d26", "abandoned", QueueStats::abandonmentRate, true);
        polyline(s, hours, slot, LOW_Y, LOW_H, "#3182bd", "occupancy", QueueStats::occupancy, false);

        for (int i = 0; i < hours.size(); i++) {
            if (n <= 24 || i % 2 == 0) {
                text(s, LEFT + i * slot + slot / 2, LOW_Y + LOW_H + 16, "middle", 11, "normal", hourLabel(i));
            }
        }
        int ly = LOW_Y + LOW_H + 44;
        legend(s, LEFT, ly, "#9ecae1", "calls offered");
        legend(s, LEFT + 130, ly, "#636363", "operators logged in");
        legend(s, LEFT + 300, ly, "#31a354", "answered within 20 s");
        legend(s, LEFT + 470, ly, "#de2d26", "abandoned");
        legend(s, LEFT + 580, ly, "#3182bd", "occupancy");
        s.append("</svg>\n");
        return s.toString();
    }

    private interface Figure {
        double of(QueueStats hour);
    }

    /** A line through the hours that had calls ({@code callsOnly}) or any staffing; values are 0..1 of the panel. */
    private static void polyline(StringBuilder s, List<QueueStats> hours, double slot, int y0, int h, String colour, String cls,
                                 Figure f, boolean callsOnly) {
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < hours.size(); i++) {
            QueueStats q = hours.get(i);
            if (callsOnly ? q.answeredCalls() + q.abandonedCalls() == 0 : q.staffedMillis <= 0) {
                continue;
            }
            double v = Math.max(0, Math.min(1, f.of(q)));
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + i * slot + slot / 2, y0 + h - h * v));
        }
        if (pts.length() > 0) {
            s.append("<polyline class=\"").append(cls).append("\" fill=\"none\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"2\" points=\"").append(pts.toString().trim()).append("\"/>\n");
        }
    }

    private static void axes(StringBuilder s, int y0, int h, long leftTop, String leftName, long rightTop, String rightName) {
        int x1 = WIDTH - RIGHT;
        for (int k = 0; k <= 4; k++) {
            double y = y0 + h - h * k / 4.0;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>%n", LEFT, y, x1, y));
            text(s, LEFT - 6, y + 4, "end", 11, "normal", tick(leftTop * k / 4.0));
            if (rightName != null) {
                text(s, x1 + 6, y + 4, "start", 11, "normal", tick(rightTop * k / 4.0));
            }
        }
        text(s, LEFT, y0 - 8, "start", 11, "normal", leftName);
        if (rightName != null) {
            text(s, x1, y0 - 8, "end", 11, "normal", rightName);
        }
    }

    private static void legend(StringBuilder s, int x, int y, String colour, String label) {
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n", x, y - 10, colour));
        text(s, x + 16, y, "start", 12, "normal", label);
    }

    private static void text(StringBuilder s, double x, double y, String anchor, int size, String weight, String body) {
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" font-weight=\"%s\">", x, y,
                anchor, size, weight)).append(escape(body)).append("</text>\n");
    }

    private static String tick(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static String hourLabel(int i) {
        return String.format(Locale.ROOT, "%02d:00", i % 24);
    }

    /** 1, 2, 5 × 10^k at or above {@code v}, so axis ticks are round numbers. */
    static long niceCeiling(long v) {
        long p = 1;
        while (p * 10 <= v) {
            p *= 10;
        }
        for (long m : new long[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String escape(String v) {
        return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
