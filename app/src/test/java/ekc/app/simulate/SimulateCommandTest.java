package ekc.app.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ekc.app.simulate.report.ProgressBar;
import ekc.app.simulate.scenario.Scenario;
import ekc.app.simulate.scenario.ScenarioLoader;
import ekc.config.Regions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {

    record Run(int exit, String out, String err) {}

    static Run simulate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new SimulateCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static Path root() {
        return Path.of(System.getProperty("ekc.root", "..")).toAbsolutePath();
    }

    @Test
    void jsonHasTheTotalsAtTheTopLevelAndEachQueueUnderQueues() throws Exception {
        Run r = simulate("--agents", "5", "--arrivals-per-hour", "80", "--aht-seconds", "180", "--patience-seconds", "120",
                "--hours", "2", "--seed", "7", "--json");
        assertThat(r.exit()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("calls", "answered", "abandoned", "service_level_20s", "service_level_60s",
                "asa_seconds", "abandonment_rate", "occupancy", "sla_breaches", "queues", "hours");
        assertThat(json.get("calls").asLong()).isBetween(100L, 230L);
        assertThat(json.get("answered").asLong() + json.get("abandoned").asLong()).isEqualTo(json.get("calls").asLong());
        assertThat(json.get("service_level_20s").asDouble()).isBetween(0.0, 1.0).isLessThanOrEqualTo(json.get("service_level_60s").asDouble());
        assertThat(json.get("occupancy").asDouble()).isBetween(0.3, 1.0);
        assertThat(json.get("queues").get("СФР-1 линия").get("calls").asLong()).isEqualTo(json.get("calls").asLong());
    }

    @Test
    void theSameSeedGivesTheSameReportAndAnotherSeedAnother() {
        String[] base = {"--agents", "8", "--arrivals-per-hour", "150", "--aht-seconds", "180", "--patience-seconds", "90", "--hours", "3", "--json"};
        Run a = simulate(concat(base, "--seed", "42"));
        Run b = simulate(concat(base, "--seed", "42"));
        Run c = simulate(concat(base, "--seed", "43"));
        assertThat(a.out()).isEqualTo(b.out());
        assertThat(c.out()).isNotEqualTo(a.out());
    }

    @Test
    void withoutPatienceNobodyGivesUp() throws Exception {
        Run r = simulate("--agents", "3", "--arrivals-per-hour", "55", "--aht-seconds", "180", "--hours", "2", "--json");
        assertThat(new ObjectMapper().readTree(r.out()).get("abandoned").asLong()).isZero();
    }

    @Test
    void theHoursAddUpToTheTotalsAndTheChartDrawsABarPerHourAsTallAsItsCalls(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("day.svg");
        Run r = simulate("--agents", "6", "--arrivals-per-hour", "90", "--aht-seconds", "200", "--patience-seconds", "100",
                "--hours", "4", "--seed", "11", "--json", "--chart", svg.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("chart: ").contains("day.svg");
        JsonNode json = new ObjectMapper().readTree(r.out());
        JsonNode hours = json.get("hours");
        assertThat(hours).hasSize(4);
        long calls = 0, answered = 0, abandoned = 0;
        double operatorHours = 0;
        for (JsonNode h : hours) {
            calls += h.get("calls").asLong();
            answered += h.get("answered").asLong();
            abandoned += h.get("abandoned").asLong();
            operatorHours += h.get("operators").asDouble();
        }
        assertThat(calls).isEqualTo(json.get("calls").asLong());
        assertThat(answered).isEqualTo(json.get("answered").asLong());
        assertThat(abandoned).isEqualTo(json.get("abandoned").asLong());
        assertThat(operatorHours).isCloseTo(6 * 4, org.assertj.core.data.Offset.offset(0.01)); // 6 operators all 4 hours

        // the picture: well-formed SVG, one bar per hour with calls, heights proportional to the calls
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        var rects = doc.getElementsByTagName("rect");
        List<Double> heights = new ArrayList<>();
        for (int i = 0; i < rects.getLength(); i++) {
            var e = (org.w3c.dom.Element) rects.item(i);
            if ("calls".equals(e.getAttribute("class"))) {
                heights.add(Double.parseDouble(e.getAttribute("height")));
            }
        }
        assertThat(heights).hasSize(4);
        long busiest = 0;
        for (JsonNode h : hours) {
            busiest = Math.max(busiest, h.get("calls").asLong());
        }
        int busiestIndex = 0;
        for (int i = 0; i < 4; i++) {
            if (hours.get(i).get("calls").asLong() == busiest) {
                busiestIndex = i;
            }
        }
        for (int i = 0; i < 4; i++) {
            assertThat(heights.get(i) / heights.get(busiestIndex))
                    .isCloseTo((double) hours.get(i).get("calls").asLong() / busiest, org.assertj.core.data.Offset.offset(0.01));
        }
        String text = Files.readString(svg);
        assertThat(text).contains("class=\"sl20\"", "class=\"abandoned\"", "class=\"occupancy\"", "class=\"agents\"");
    }

    @Test
    void aChartThatCannotBeWrittenIsOneClearLine(@TempDir Path dir) {
        Run r = simulate("--agents", "2", "--arrivals-per-hour", "20", "--hours", "1", "--chart", dir.resolve("no/such/dir/x.svg").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot write the chart").contains("x.svg");
    }

    @Test
    void aTableForPeopleWithoutJson() {
        Run r = simulate("--agents", "4", "--arrivals-per-hour", "60", "--hours", "1");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("TOTAL", "СФР-1 линия", "SL20", "seed 1");
    }

    @Test
    void badInputGetsAClearErrorAndExitCode2(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: x\ncalls: 10\ngroups:\n  - {skills: [СФР-1 линия], agents: 2, shifts: [{from: 0, to: 8, share: 2}]}\n");
        Run r = simulate("--scenario", bad.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad.yaml").contains("share");
        assertThat(simulate("--scenario", bad.toString(), "--agents", "3").err()).contains("--agents");
        assertThat(simulate("--agents", "0").exit()).isEqualTo(2);
    }

    @Test
    void theNationalDayScenarioHasHalfAMillionCallsThreeThousandOperatorsAndSecondLinesInEveryRegion() {
        Scenario s = ScenarioLoader.load(root().resolve("config/scenarios/national-day.yaml"));
        assertThat(s.calls()).isGreaterThanOrEqualTo(500_000);
        int operators = 0;
        Regions regions = Regions.embedded();
        for (Scenario.Group g : s.groups()) {
            operators += g.perRegion() ? g.agents() * regions.all().size() : g.agents();
        }
        assertThat(operators).isEqualTo(3_000);
        assertThat(s.groups()).anySatisfy(g -> assertThat(g.perRegion()).isTrue());
        // a tenth of a second of the day's load, to keep the test fast: every queue gets its share
        Simulation sim = new Simulation(s.withCalls(5_000), 3, regions);
        var report = sim.run(null);
        assertThat(report.total().calls()).isBetween(4_700L, 5_300L);
        assertThat(report.queues().keySet()).contains("СФР-1 линия", "ОСФР Камчатский край, 2 линия", "ОСЗН Москва, 2 линия");
        assertThat(report.total().answeredCalls()).isPositive();
        assertThat(sim.openCards()).isZero();
    }

    @Test
    void theProgressBarRedrawsInPlaceOncePerPercent() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        bar.update(0.5, 100);
        bar.update(0.501, 101);
        bar.update(1.0, 200);
        bar.finish();
        String s = bytes.toString(StandardCharsets.UTF_8);
        assertThat(s.split("\r", -1)).hasSize(3);
        assertThat(s).contains(" 50%").contains("100%").endsWith(System.lineSeparator());
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
