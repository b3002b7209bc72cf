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
            AuditCommand.class,
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
        CommandLine cli = commandLineFor(args);
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    /** The whole command tree (help, completion, tests). */
    public static CommandLine commandLine() {
        return configured(SUBCOMMANDS);
    }

    /**
     * The tree a run needs: when the first word names a subcommand, only that one is built. Building every
     * subcommand's model by reflection costs a third of a short command's start-up; the root has no option
     * that takes a value, so the first word that is not an option is the subcommand. Anything else (a typo,
     * bare --help) gets the whole tree and with it picocli's usage and suggestions.
     */
    static CommandLine commandLineFor(String... args) {
        for (String arg : args) {
            if (arg.startsWith("-")) {
                continue;
            }
            for (Class<?> sub : SUBCOMMANDS) {
                Command command = sub.getAnnotation(Command.class);
                if (command.name().equals(arg) || List.of(command.aliases()).contains(arg)) {
                    return configured(List.of(sub));
                }
            }
            break;
        }
        return commandLine();
    }

    private static CommandLine configured(List<Class<?>> subcommands) {
        CommandLine cli = new CommandLine(new Main());
        for (Class<?> sub : subcommands) {
            cli.addSubcommand(sub);
        }
        cli.setExecutionExceptionHandler(Main::handleExecutionException);
        cli.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("backtrack: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, ex.getCommandLine().getErr());
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
