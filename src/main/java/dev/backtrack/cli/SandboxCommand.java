package dev.backtrack.cli;

import dev.backtrack.BacktrackException;
import dev.backtrack.sandbox.RunningSandbox;
import dev.backtrack.sandbox.Sandbox;
import dev.backtrack.sandbox.SandboxException;
import dev.backtrack.sandbox.SandboxOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code backtrack sandbox}: a real local Kafka broker and schema registry with demo data. Prints the two
 * addresses on stdout once ready and runs until interrupted (Ctrl-C stops both servers cleanly).
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Run a local Kafka broker (KRaft) and schema registry on 127.0.0.1 with demo data.",
            "Prints bootstrap=HOST:PORT and registry=URL on stdout when ready; Ctrl-C stops both."})
public final class SandboxCommand implements Callable<Integer> {
    @Option(names = "--kafka-port", defaultValue = "9092", paramLabel = "PORT", description = "Kafka listener port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--registry-port", defaultValue = "8081", paramLabel = "PORT", description = "Schema registry port (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--data", paramLabel = "DIR", description = "Where the broker keeps its data (default: the user's data dir, ${sys:user.home}/.local/share/backtrack/sandbox on Linux).")
    Path data;

    @Option(names = "--fresh", description = "Delete the sandbox data first and start over.")
    boolean fresh;

    @Option(names = "--no-demo-data", description = "Do not create the demo topics and records.")
    boolean noDemoData;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (kafkaPort == registryPort) {
            throw new BacktrackException("--kafka-port and --registry-port must differ");
        }
        SandboxOptions options = SandboxOptions.defaults().withPorts(kafkaPort, registryPort).withFresh(fresh)
                .withProgress(message -> {
                    err.println("backtrack: " + message);
                    err.flush();
                });
        options = options.withDemoData(!noDemoData, options.sizes());
        if (data != null) {
            options = options.withDataDir(data);
        }
        RunningSandbox sandbox;
        try {
            sandbox = Sandbox.start(options);
        } catch (SandboxException e) {
            throw new BacktrackException(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("bootstrap=" + sandbox.bootstrap());
        out.println("registry=" + sandbox.registryUrl());
        out.flush();
        err.println("backtrack: sandbox running (data in " + sandbox.dataDir() + "); press Ctrl-C to stop");
        err.flush();
        // runs until Ctrl-C (the shutdown hook stops both servers) or until a server dies on its own
        String crash = sandbox.awaitUnexpectedExit();
        sandbox.close();
        if (crash != null) {
            throw new BacktrackException(crash);
        }
        return 0;
    }
}
