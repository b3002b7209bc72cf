package dev.backtrack.cli;

import dev.backtrack.BacktrackException;
import dev.backtrack.sandbox.RunningSandbox;
import dev.backtrack.sandbox.Sandbox;
import dev.backtrack.sandbox.SandboxOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backtrack demo}: opens the desktop app connected to the local sandbox, starting the sandbox (broker,
 * registry, demo data) when it is not running yet, and stopping it again when the window closes.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Open the desktop app on the built-in sandbox (started when needed) with its demo topics.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--kafka-port", defaultValue = "9092", paramLabel = "PORT", description = "Sandbox Kafka port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--registry-port", defaultValue = "8081", paramLabel = "PORT", description = "Sandbox registry port (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--topic", defaultValue = "orders", paramLabel = "TOPIC", description = "Topic to open (default: ${DEFAULT-VALUE}).")
    String topic;

    @Override
    public Integer call() throws Exception {
        AppCommand.requireDisplay();
        run(kafkaPort, registryPort, topic);
        return 0;
    }

    /** Uses a running sandbox on the ports, or starts one for the lifetime of the window. */
    static void run(int kafkaPort, int registryPort, String topic) throws Exception {
        String bootstrap = "127.0.0.1:" + kafkaPort;
        String registry = "http://127.0.0.1:" + registryPort + "/apis/ccompat/v7";
        boolean kafkaUp = listening(kafkaPort);
        boolean registryUp = listening(registryPort);
        if (kafkaUp && registryUp) {
            System.err.println("backtrack: using the sandbox already running on " + bootstrap);
            dev.backtrack.ui.main.AppStarter.startSandbox(bootstrap, registry, topic);
            return;
        }
        if (kafkaUp || registryUp) {
            throw new BacktrackException("port " + (kafkaUp ? kafkaPort : registryPort)
                    + " is taken by something that is not a complete sandbox; stop it or choose other ports");
        }
        SandboxOptions options = SandboxOptions.defaults().withPorts(kafkaPort, registryPort);
        try (RunningSandbox sandbox = Sandbox.start(options)) {
            System.err.println("backtrack: sandbox running on " + sandbox.bootstrap() + "; it stops when the window closes");
            dev.backtrack.ui.main.AppStarter.startSandbox(sandbox.bootstrap(), sandbox.registryUrl(), topic);
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
