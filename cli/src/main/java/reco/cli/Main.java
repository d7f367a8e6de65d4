package reco.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point: {@code reco <command>}. Exit codes: 0 ok, 1 failure (bad data, device error), 2 usage. */
@Command(name = "reco", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Matrix-factorisation recommender and k-means clustering on CPU, OpenCL and CUDA devices.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, RecommendCommand.class, SimilarCommand.class,
                ClustersCommand.class, InfoCommand.class, DevicesCommand.class, GenerateCommand.class,
                BenchCommand.class, ReportCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces for errors (for bug reports).")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(new Failures());
        cl.setParameterExceptionHandler(Failures::usage);
        return cl.execute(args);
    }
}
