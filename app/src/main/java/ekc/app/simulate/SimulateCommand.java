package ekc.app.simulate;

import ekc.app.simulate.report.Chart;
import ekc.app.simulate.report.ProgressBar;
import ekc.app.simulate.report.Report;
import ekc.app.simulate.scenario.Scenario;
import ekc.app.simulate.scenario.ScenarioLoader;
import ekc.config.Regions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ekc simulate}: the real engine in virtual time, on one queue from the options or on a whole
 * contact centre from {@code --scenario}. Runs on the calling thread; prints a report (or JSON) to
 * stdout and a progress bar to a terminal's stderr.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulate the hotline in virtual time with the real engine and report service level, ASA,",
                "abandonment, occupancy and SLA breaches, per queue and in total."})
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--agents", paramLabel = "N", description = "Operators on the one queue (default: ${DEFAULT-VALUE}).")
    int agents = 20;

    @Option(names = "--arrivals-per-hour", paramLabel = "X", description = "Poisson arrivals per hour (default: ${DEFAULT-VALUE}).")
    double arrivalsPerHour = 240;

    @Option(names = "--aht-seconds", paramLabel = "S", description = "Mean handling time, exponential (default: ${DEFAULT-VALUE}).")
    double ahtSeconds = 240;

    @Option(names = "--patience-seconds", paramLabel = "P",
            description = "Mean caller patience, exponential; leave out and callers never give up.")
    Double patienceSeconds;

    @Option(names = "--hours", paramLabel = "H", description = "Hours of arrivals (default: ${DEFAULT-VALUE}).")
    double hours = 8;

    @Option(names = "--seed", paramLabel = "K", description = "Random seed; the same seed gives the same report (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--scenario", paramLabel = "FILE", description = "A whole contact centre from YAML, e.g. config/scenarios/national-day.yaml.")
    Path scenarioFile;

    @Option(names = "--json", description = "Print the report as JSON: totals at the top level, per-queue figures under \"queues\".")
    boolean json;

    @Option(names = "--chart", paramLabel = "FILE.svg",
            description = "Also draw the day by the hour as SVG: calls and operators, service level, abandonment, occupancy.")
    Path chart;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario scenario;
        try {
            if (scenarioFile != null) {
                for (String one : new String[] {"--agents", "--arrivals-per-hour", "--aht-seconds", "--patience-seconds", "--hours"}) {
                    if (spec.commandLine().getParseResult().hasMatchedOption(one)) {
                        throw new IllegalArgumentException(one + " describes the one-queue model; the scenario file sets it with --scenario");
                    }
                }
                scenario = ScenarioLoader.load(scenarioFile);
            } else {
                if (agents < 1 || arrivalsPerHour < 0 || ahtSeconds <= 0 || hours <= 0) {
                    throw new IllegalArgumentException("--agents must be ≥ 1, --arrivals-per-hour ≥ 0, --aht-seconds and --hours > 0");
                }
                scenario = Scenario.singleQueue(agents, arrivalsPerHour, ahtSeconds, patienceSeconds, hours);
            }
        } catch (IllegalArgumentException e) {
            err.println("ekc simulate: " + e.getMessage());
            err.flush();
            return 2;
        }
        ProgressBar bar = System.console() != null ? new ProgressBar(System.err) : null;
        long t0 = System.nanoTime();
        Report report = new Simulation(scenario, seed, Regions.embedded()).run(bar == null ? null : (calls, done) -> bar.update(done, calls));
        if (bar != null) {
            bar.finish();
        }
        if (chart != null) {
            try {
                Files.writeString(chart, Chart.svg(report), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("ekc simulate: cannot write the chart to " + chart + ": " + e.getMessage());
                err.flush();
                return 1;
            }
            err.println("chart: " + chart.toAbsolutePath());
            err.flush();
        }
        if (json) {
            out.println(report.toJson());
        } else {
            out.print(report.toText(25));
            out.printf("simulated %s h, %d calls, seed %d, in %.1f s%n", fmt(scenario.hours()), report.total().calls(), seed,
                    (System.nanoTime() - t0) / 1e9);
        }
        out.flush();
        return 0;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** For running the simulator alone: {@code java -cp … ekc.app.simulate.SimulateCommand --help}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulateCommand()).execute(args));
    }
}
