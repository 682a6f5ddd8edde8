package ekc.app.simulate.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A simulation's result: totals, per-queue and per-hour figures, as JSON, as a table or as a {@link Chart}. */
public final class Report {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String name;
    private final QueueStats total;
    private final Map<String, QueueStats> queues;
    private final List<QueueStats> hours;

    /** {@code hours}: the calls that arrived in each hour of the run, in order (operators by their logged-in time). */
    public Report(String name, QueueStats total, Map<String, QueueStats> queues, List<QueueStats> hours) {
        this.name = name;
        this.total = total;
        this.queues = new TreeMap<>(queues);
        this.hours = List.copyOf(hours);
    }

    public String name() {
        return name;
    }

    public List<QueueStats> hours() {
        return hours;
    }

    public QueueStats total() {
        return total;
    }

    public Map<String, QueueStats> queues() {
        return queues;
    }

    /** Totals at the top level, per-queue figures under {@code queues}, keyed by skill name. */
    public String toJson() {
        Map<String, Object> root = figures(total);
        Map<String, Object> q = new LinkedHashMap<>();
        for (Map.Entry<String, QueueStats> e : queues.entrySet()) {
            q.put(e.getKey(), figures(e.getValue()));
        }
        root.put("queues", q);
        List<Map<String, Object>> h = new ArrayList<>();
        for (int i = 0; i < hours.size(); i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("hour", i);
            m.putAll(figures(hours.get(i)));
            m.put("operators", round(hours.get(i).staffedMillis / 3_600_000.0));
            h.add(m);
        }
        root.put("hours", h);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> figures(QueueStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("calls", s.calls());
        m.put("answered", s.answeredCalls());
        m.put("abandoned", s.abandonedCalls());
        m.put("service_level_20s", round(s.serviceLevel20()));
        m.put("service_level_60s", round(s.serviceLevel60()));
        m.put("asa_seconds", round(s.asaSeconds()));
        m.put("abandonment_rate", round(s.abandonmentRate()));
        m.put("occupancy", round(s.occupancy()));
        m.put("sla_breaches", s.slaBreaches());
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 10_000.0) / 10_000.0;
    }

    /** A table for people: totals, then the busiest queues (all of them when there are few). */
    public String toText(int maxQueues) {
        StringBuilder b = new StringBuilder();
        b.append(name).append('\n');
        String head = String.format(Locale.ROOT, "%-44s %9s %9s %9s %7s %7s %8s %7s %7s %8s%n",
                "queue", "calls", "answered", "abandoned", "SL20", "SL60", "ASA,s", "aband", "occup", "breaches");
        b.append(head);
        row(b, "TOTAL", total);
        queues.entrySet().stream()
                .sorted((x, y) -> Long.compare(y.getValue().calls(), x.getValue().calls()))
                .limit(maxQueues)
                .forEach(e -> row(b, e.getKey(), e.getValue()));
        if (queues.size() > maxQueues) {
            b.append(String.format(Locale.ROOT, "… and %d more queues (--json lists every one)%n", queues.size() - maxQueues));
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String name, QueueStats s) {
        b.append(String.format(Locale.ROOT, "%-44s %9d %9d %9d %6.1f%% %6.1f%% %8.1f %6.1f%% %6.1f%% %8d%n",
                name.length() > 44 ? name.substring(0, 43) + "…" : name, s.calls(), s.answeredCalls(), s.abandonedCalls(),
                100 * s.serviceLevel20(), 100 * s.serviceLevel60(), s.asaSeconds(), 100 * s.abandonmentRate(),
                100 * s.occupancy(), s.slaBreaches()));
    }
}
