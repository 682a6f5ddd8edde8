package ekc.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ekc} command. */
@Command(name = "ekc", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "EKC: call routing for the citizens' hotline 8-800-100-0-001 — voice robot Yana, operators, cards.",
        subcommands = {RunCommand.class, DemoCommand.class, CardsCommand.class, CardCommand.class, RecordingCommand.class,
                ekc.app.simulate.SimulateCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, line, parse) -> {
            // a person reads this: the message says what is wrong and what to do; EKC_DEBUG=1 adds the trace
            line.getErr().println("ekc: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            if (System.getenv("EKC_DEBUG") != null) {
                e.printStackTrace(line.getErr());
            }
            return 2;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"ekc " + (v != null ? v : "0.1.0-SNAPSHOT") + " (Java " + Runtime.version() + ")"};
        }
    }
}
