package dev.backtrack.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backtrack.BacktrackException;
import dev.backtrack.codec.CompatibilityResult;
import dev.backtrack.codec.SchemaBrowser;
import dev.backtrack.codec.SchemaInfo;
import dev.backtrack.codec.SchemaReference;
import dev.backtrack.codec.SchemaRegistryClient;
import dev.backtrack.codec.SubjectNaming;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.kafka.TopicCatalog;
import dev.backtrack.kafka.TopicInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backtrack schemas list|show|check}: the schema registry browser on the command line. */
@Command(name = "schemas", mixinStandardHelpOptions = true,
        description = "Browse the schema registry: subjects, versions, schema text, compatibility checks.",
        subcommands = {SchemasCommand.ListSubjects.class, SchemasCommand.Show.class, SchemasCommand.Check.class})
public final class SchemasCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum OutputFormat { TEXT, JSON }

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** The registry from --registry (or $BACKTRACK_REGISTRY) alone, else from the profile / bootstrap settings. */
    static RegistrySettings registry(ConnectionOptions connection) {
        if (connection.profile == null && connection.registry != null && !connection.registry.isBlank()) {
            return RegistrySettings.of(connection.registry.trim());
        }
        if (connection.profile == null && connection.bootstrap == null) {
            String env = ConnectionOptions.environment.apply(ConnectionOptions.REGISTRY_ENV);
            if (env != null && !env.isBlank()) {
                return RegistrySettings.of(env.trim());
            }
            throw new BacktrackException("no schema registry given: use --registry URL or --profile NAME, or set "
                    + ConnectionOptions.REGISTRY_ENV);
        }
        RegistrySettings registry = connection.settings().registry();
        if (registry == null) {
            throw new BacktrackException("the connection has no schema registry: add --registry URL");
        }
        return registry;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List subjects with their versions.")
    static final class ListSubjects implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "Output format (default: ${DEFAULT-VALUE}).")
        OutputFormat format;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            SchemaBrowser browser = new SchemaBrowser(new SchemaRegistryClient(registry(connection)));
            PrintWriter out = spec.commandLine().getOut();
            List<String> subjects = browser.subjects();
            if (format == OutputFormat.JSON) {
                var array = JSON.createArrayNode();
                for (String subject : subjects) {
                    var node = array.addObject().put("subject", subject);
                    browser.versions(subject).forEach(node.putArray("versions")::add);
                }
                out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array));
            } else {
                for (String subject : subjects) {
                    out.println(subject + "  versions " + browser.versions(subject));
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show a subject version (default latest): id, type, references, compatibility and the schema text.")
    static final class Show implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Parameters(index = "0", paramLabel = "SUBJECT")
        String subject;

        @Parameters(index = "1", paramLabel = "VERSION", defaultValue = "latest", description = "A version number or 'latest' (default).")
        String version;

        @Option(names = "--topics", description = "Also list the cluster's topics that use the subject by naming strategy (needs --bootstrap or --profile).")
        boolean topics;

        @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "Output format (default: ${DEFAULT-VALUE}).")
        OutputFormat format;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            SchemaBrowser browser = new SchemaBrowser(new SchemaRegistryClient(registry(connection)));
            SchemaBrowser.SubjectVersion shown = browser.show(subject, version);
            List<SubjectNaming.TopicUse> uses = topics
                    ? browser.topicsUsing(subject, new TopicCatalog(connection.clients()).topics(false).stream().map(TopicInfo::name).toList())
                    : null;
            PrintWriter out = spec.commandLine().getOut();
            if (format == OutputFormat.JSON) {
                ObjectNode node = JSON.valueToTree(shown);
                if (uses != null) {
                    node.set("topics", JSON.valueToTree(uses));
                }
                out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            } else {
                out.println("subject:       " + shown.subject());
                out.println("version:       " + shown.version() + " of " + shown.versions());
                out.println("id:            " + shown.id());
                out.println("type:          " + shown.type());
                out.println("compatibility: " + shown.compatibility() + (shown.compatibilityInherited() ? " (global)" : ""));
                for (SchemaReference r : shown.references()) {
                    out.println("reference:     " + r.name() + " -> " + r.subject() + " v" + r.version());
                }
                if (uses != null) {
                    for (SubjectNaming.TopicUse use : uses) {
                        out.println("used by:       " + (use.topic() == null ? "any topic" : use.topic()) + " (" + use.strategy()
                                + (use.key() == null ? "" : use.key() ? ", key" : ", value") + ")");
                    }
                }
                out.println();
                out.println(shown.prettySchema());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check a schema file against the subject's latest version (or all with --all), as the registry judges it.",
                    "Exit code 0 when compatible, 1 when not."})
    static final class Check implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Parameters(index = "0", paramLabel = "SUBJECT")
        String subject;

        @Parameters(index = "1", paramLabel = "FILE", description = "The candidate schema (.avsc, .proto, .json); '-' reads stdin.")
        String file;

        @Option(names = "--all", description = "Check against all versions instead of the latest.")
        boolean all;

        @Option(names = "--type", paramLabel = "AVRO|PROTOBUF|JSON", description = "Schema type (default: the subject's).")
        SchemaInfo.SchemaType type;

        @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "Output format (default: ${DEFAULT-VALUE}).")
        OutputFormat format;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            String text = read(file);
            SchemaBrowser browser = new SchemaBrowser(new SchemaRegistryClient(registry(connection)));
            CompatibilityResult result = browser.check(subject, text, type, all);
            PrintWriter out = spec.commandLine().getOut();
            if (format == OutputFormat.JSON) {
                out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            } else {
                out.println((result.compatible() ? "compatible" : "NOT compatible") + " with " + subject + " "
                        + (all ? "(all versions)" : "(latest version)"));
                result.messages().forEach(m -> out.println("  " + m));
            }
            out.flush();
            return result.compatible() ? 0 : 1;
        }

        private static String read(String file) throws IOException {
            try {
                return "-".equals(file) ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : Files.readString(Path.of(file));
            } catch (NoSuchFileException e) {
                throw new BacktrackException("schema file " + file + " does not exist");
            }
        }
    }
}
