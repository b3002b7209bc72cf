package dev.backtrack.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real Confluent-compatible schema registry: Apicurio Registry 3.3.3 run as a child JVM from its
 * Maven Central distribution (in-memory storage, loopback only). The Confluent API lives under
 * {@code /apis/ccompat/v7}.
 */
public final class RegistryServer implements AutoCloseable {
    public static final String DIR_PROPERTY = "backtrack.apicurio.dir";
    private final ChildJvm jvm;
    private final int port;

    private RegistryServer(ChildJvm jvm, int port) {
        this.jvm = jvm;
        this.port = port;
    }

    /** Where the unpacked distribution is: the system property, else {@code target/apicurio} of the source tree. */
    public static Path locateDistribution() throws SandboxException {
        String configured = System.getProperty(DIR_PROPERTY);
        Path dir = configured != null ? Path.of(configured) : SourceTree.root().resolve("target/apicurio");
        if (!Files.isRegularFile(dir.resolve("quarkus-run.jar"))) {
            throw new SandboxException("Apicurio Registry is not unpacked at " + dir
                    + "; run './mvnw generate-resources' in the Backtrack source tree (it fetches io.apicurio:apicurio-registry-app:3.3.3 from Maven Central)");
        }
        return dir;
    }

    public static RegistryServer start(int port, int managementPort, Path logFile, Duration timeout)
            throws IOException, InterruptedException, SandboxException {
        Path dist = locateDistribution();
        if (ChildJvm.isListening("127.0.0.1", port)) {
            throw new SandboxException("port " + port + " is already in use; choose another with --registry-port");
        }
        List<String> jvmArgs = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.otel.sdk.disabled=true", "-Dquarkus.log.level=WARN",
                "-Dquarkus.banner.enabled=false");
        ChildJvm jvm = ChildJvm.start("schema registry", dist, jvmArgs, null, "quarkus-run.jar", List.of(),
                Map.of(), logFile);
        RegistryServer server = new RegistryServer(jvm, port);
        try {
            jvm.awaitPort("127.0.0.1", port, timeout);
            server.awaitCcompat(timeout);
        } catch (IOException | InterruptedException e) {
            jvm.close();
            throw e;
        }
        return server;
    }

    private void awaitCcompat(Duration timeout) throws IOException, InterruptedException {
        var client = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var response = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url() + "/subjects"))
                        .timeout(Duration.ofSeconds(2)).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            if (!jvm.isAlive()) {
                throw new IOException("schema registry exited before it was ready; see " + jvm.logFile());
            }
            Thread.sleep(100);
        }
        throw new IOException("schema registry did not answer within " + timeout.toSeconds() + " s; see " + jvm.logFile());
    }

    /** Base URL of the Confluent-compatible API. */
    public String url() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    public int port() {
        return port;
    }

    public ChildJvm jvm() {
        return jvm;
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
