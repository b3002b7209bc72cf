package dev.backtrack.cli;

import dev.backtrack.BacktrackException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code backtrack} command line. stdout carries results only; progress and messages go to stderr.
 * Exit codes: 0 success, 1 user error (one line on stderr; stack trace only with --verbose), 2 usage error.
 */
@Command(name = "backtrack", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "A time machine for Apache Kafka: browse, decode, replay and redrive records.",
        subcommandsRepeatable = false)
public final class Main implements Runnable {
    /** Subcommands, one line each; keep alphabetical. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            AppCommand.class,
            BrowseCommand.class,
            DemoCommand.class,
            DltCommand.class,
            ExportCommand.class,
            GroupsCommand.class,
            HistoryCommand.class,
            ImportCommand.class,
            JourneyCommand.class,
            ProduceCommand.class,
            ProfileCommand.class,
            ReplayCommand.class,
            SandboxCommand.class,
            SchemasCommand.class,
            TopicsCommand.class
    );

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Show stack traces and debug output on stderr.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs without exiting, for tests. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        for (Class<?> sub : SUBCOMMANDS) {
            cli.addSubcommand(sub);
        }
        cli.setExecutionExceptionHandler(Main::handleExecutionException);
        cli.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("backtrack: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            return 2;
        });
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    private static int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        boolean verbose = parseResult.hasMatchedOption("--verbose")
                || parseResult.subcommands().stream().anyMatch(p -> hasVerbose(p));
        PrintWriter err = cmd.getErr();
        if (ex instanceof BacktrackException || ex instanceof CommandLine.ParameterException) {
            err.println("backtrack: " + ex.getMessage());
        } else {
            err.println("backtrack: unexpected error: " + ex);
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ex instanceof BacktrackException ? 1 : 3;
    }

    private static boolean hasVerbose(CommandLine.ParseResult p) {
        return p.hasMatchedOption("--verbose") || p.subcommands().stream().anyMatch(Main::hasVerbose);
    }
}
