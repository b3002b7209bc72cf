package dev.backtrack.cli;

import dev.backtrack.BacktrackException;
import dev.backtrack.profile.ConnectionTestReport;
import dev.backtrack.profile.ConnectionTester;
import dev.backtrack.profile.Profile;
import dev.backtrack.profile.ProfileConnections;
import dev.backtrack.profile.ProfileContext;
import dev.backtrack.profile.ProfileManager;
import dev.backtrack.profile.SecretKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backtrack profile ...}: saved connection profiles, their secrets and connection tests. */
@Command(mixinStandardHelpOptions = true, name = "profile", description = "Manage saved connection profiles (secrets live in the OS keychain, or an encrypted file without one).",
        subcommands = {ProfileCommand.ListProfiles.class, ProfileCommand.Show.class, ProfileCommand.Add.class,
                ProfileCommand.Edit.class, ProfileCommand.Remove.class, ProfileCommand.Import.class,
                ProfileCommand.Export.class, ProfileCommand.Test.class, ProfileCommand.Duplicate.class})
public final class ProfileCommand implements Runnable {
    static final String SECRETS_HELP = "Secrets are never taken from the command line. On a terminal they are asked for"
            + " (hidden). Otherwise they are read from stdin, one per line, in this order and only those the profile"
            + " needs: SASL password (OAuth: client secret), trust store password, key store password, private key"
            + " password, schema registry password (bearer: token), schema registry trust store password.";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    static ProfileContext context() {
        return ProfileConnections.context();
    }

    abstract static class Base implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }
    }

    enum OutputFormat { TABLE, JSON }

    @Command(mixinStandardHelpOptions = true, name = "list", description = "List profiles (no secrets).")
    static final class ListProfiles extends Base {
        @Option(names = "--format", defaultValue = "table", description = "table or json.")
        OutputFormat format;

        @Override
        public Integer call() throws Exception {
            List<Profile> profiles = context().store().list();
            if (format == OutputFormat.JSON) {
                ProfileOutput.listJson(out(), profiles);
            } else if (profiles.isEmpty()) {
                err().println("no profiles yet; add one with 'backtrack profile add NAME --bootstrap HOST:PORT'");
            } else {
                ProfileOutput.table(out(), profiles);
            }
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "show", description = "Show one profile and which of its secrets are stored (never their values).")
    static final class Show extends Base {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--format", defaultValue = "table", description = "table or json.")
        OutputFormat format;

        @Override
        public Integer call() throws Exception {
            Profile profile = context().store().get(name);
            List<SecretKind> missing = new ProfileManager(context()).missingSecrets(profile);
            if (format == OutputFormat.JSON) {
                ProfileOutput.showJson(out(), profile, missing);
            } else {
                ProfileOutput.show(out(), profile, missing);
            }
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "add", description = {"Add a profile.", SECRETS_HELP})
    static final class Add extends Base {
        @Parameters(paramLabel = "NAME")
        String name;

        @Mixin
        ProfileOptions options = new ProfileOptions();

        @Override
        public Integer call() {
            Profile profile = options.apply(name, null);
            if (context().store().find(name).isPresent()) {
                throw new BacktrackException("a profile named '" + name + "' already exists (use 'backtrack profile edit')");
            }
            Map<SecretKind, String> secrets = ProfileSecretInput.system().read(name, profile.requiredSecrets());
            new ProfileManager(context()).add(profile, secrets);
            err().println("added profile '" + name + "'" + (secrets.isEmpty() ? "" : "; secrets saved in " + context().secrets().description()));
            warnHostnameVerification(err(), profile);
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "edit", description = {"Change a profile; only the given options change.", SECRETS_HELP,
            "Only secrets that are new or missing are asked for, or all with --secrets."})
    static final class Edit extends Base {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--name", paramLabel = "NEW", description = "Rename the profile (its secrets move with it).")
        String newName;

        @Option(names = "--secrets", description = "Enter all of the profile's secrets again.")
        boolean allSecrets;

        @Mixin
        ProfileOptions options = new ProfileOptions();

        @Override
        public Integer call() {
            ProfileManager manager = new ProfileManager(context());
            Profile profile = options.apply(name, context().store().get(name));
            if (newName != null && !newName.equals(name)) {
                profile.withName(newName); // rejects an invalid new name before anything changes
                if (context().store().find(newName).isPresent()) {
                    throw new BacktrackException("a profile named '" + newName + "' already exists; nothing was changed");
                }
            }
            List<SecretKind> ask = allSecrets ? profile.requiredSecrets() : missingAfterEdit(manager, profile);
            Map<SecretKind, String> secrets = ProfileSecretInput.system().read(name, ask);
            manager.update(profile, secrets);
            if (newName != null) {
                manager.rename(name, newName);
            }
            err().println("updated profile '" + (newName == null ? name : newName) + "'");
            warnHostnameVerification(err(), profile);
            return 0;
        }

        private static List<SecretKind> missingAfterEdit(ProfileManager manager, Profile profile) {
            return new ArrayList<>(manager.missingSecrets(profile));
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "remove", description = "Delete a profile and its secrets (needs --yes when not on a terminal).")
    static final class Remove extends Base {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--yes", description = "Do not ask for confirmation.")
        boolean yes;

        @Override
        public Integer call() {
            context().store().get(name);
            ProfileSecretInput input = ProfileSecretInput.system();
            if (!yes) {
                if (!input.interactive()) {
                    throw new BacktrackException("removing '" + name + "' needs --yes when not run on a terminal");
                }
                if (!input.confirm("Delete profile '" + name + "' and its secrets?")) {
                    err().println("nothing removed");
                    return 1;
                }
            }
            new ProfileManager(context()).delete(name);
            err().println("removed profile '" + name + "' and its secrets");
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "duplicate", description = "Copy a profile, with its secrets, under a new name.")
    static final class Duplicate extends Base {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "COPY")
        String copy;

        @Override
        public Integer call() {
            new ProfileManager(context()).duplicate(name, copy);
            err().println("copied '" + name + "' to '" + copy + "'");
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "import", description = "Import profiles exported with 'profile export' (no secrets; enter them with 'profile edit').")
    static final class Import extends Base {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--replace", description = "Overwrite profiles with the same name.")
        boolean replace;

        @Option(names = "--yes", description = "Accepted for scripts; import only adds profiles unless --replace.")
        boolean yes;

        @Override
        public Integer call() throws IOException {
            if (!Files.isReadable(file)) {
                throw new BacktrackException("cannot read " + file);
            }
            ProfileManager manager = new ProfileManager(context());
            List<Profile> imported = manager.importProfiles(Files.readAllBytes(file), file.toString(), replace);
            for (Profile profile : imported) {
                List<SecretKind> missing = profile.requiredSecrets();
                err().println("imported '" + profile.name() + "'" + (missing.isEmpty() ? ""
                        : "; enter its secrets with 'backtrack profile edit " + profile.name() + " --secrets'"));
            }
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "export", description = "Write profiles as JSON without any secret (all when no NAME is given).")
    static final class Export extends Base {
        @Parameters(paramLabel = "NAME", arity = "0..*")
        List<String> names = new ArrayList<>();

        @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
        Path output;

        @Override
        public Integer call() throws IOException {
            byte[] json = context().store().export(names);
            if (output == null) {
                out().println(new String(json, java.nio.charset.StandardCharsets.UTF_8));
                out().flush();
            } else {
                Path absolute = output.toAbsolutePath();
                Path temp = Files.createTempFile(absolute.getParent(), absolute.getFileName() + ".", ".tmp");
                Files.write(temp, json);
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                err().println("exported " + (names.isEmpty() ? "all profiles" : names.size() + " profile(s)") + " to " + output);
            }
            return 0;
        }
    }

    @Command(mixinStandardHelpOptions = true, name = "test", description = "Test a profile step by step: DNS/TCP, TLS, authentication, describe cluster, registry.")
    static final class Test extends Base {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--topic", paramLabel = "TOPIC", description = "Also check access to this topic.")
        String topic;

        @Option(names = "--format", defaultValue = "table", description = "table or json.")
        OutputFormat format;

        @Override
        public Integer call() throws Exception {
            Profile profile = context().store().get(name);
            ConnectionTestReport report = new ConnectionTester().test(profile, context().resolve(profile), topic);
            if (format == OutputFormat.JSON) {
                ProfileOutput.reportJson(out(), report);
            } else {
                ProfileOutput.report(out(), report);
            }
            if (!report.succeeded()) {
                throw new BacktrackException("connection test of '" + name + "' failed at "
                        + report.firstFailure().orElseThrow().name() + ": " + report.firstFailure().orElseThrow().message());
            }
            return 0;
        }
    }

    static void warnHostnameVerification(PrintWriter err, Profile profile) {
        if (profile.securityProtocol().usesTls() && !profile.tls().verifyHostname()) {
            err.println("warning: hostname verification is OFF for '" + profile.name() + "': a server with any trusted certificate is accepted");
        }
    }
}
