package dev.backtrack.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.testing.TestServers;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry step: credentials sent, refusals and unreachable registries reported in one sentence. */
class RegistryProbeTest {
    private HttpServer server;
    private String url;

    @BeforeEach
    void start() throws Exception {
        String expected = "Basic " + Base64.getEncoder().encodeToString("ru:good".getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/subjects", exchange -> {
            boolean ok = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (ok ? "[\"orders-value\",\"users-value\"]" : "{\"error_code\":401}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static RegistrySettings basic(String url, String password) {
        return new RegistrySettings(url, "ru", password, null, null, null, null, true);
    }

    @Test
    void basicAuthIsSentAndSubjectsCounted() {
        ConnectionTestStep step = RegistryProbe.check(basic(url, "good"), Duration.ofSeconds(10));
        assertThat(step.status()).isEqualTo(StepStatus.OK);
        assertThat(step.message()).isEqualTo(url + " answered with 2 subject(s)");
    }

    @Test
    void wrongCredentialsAndUnreachableRegistriesAreClear() {
        ConnectionTestStep refused = RegistryProbe.check(basic(url, "bad"), Duration.ofSeconds(10));
        assertThat(refused.status()).isEqualTo(StepStatus.FAILED);
        assertThat(refused.message()).isEqualTo("the schema registry refused the credentials (HTTP 401)");

        String closed = "http://127.0.0.1:" + TestServers.freePort();
        ConnectionTestStep down = RegistryProbe.check(basic(closed, "good"), Duration.ofSeconds(10));
        assertThat(down.status()).isEqualTo(StepStatus.FAILED);
        assertThat(down.message()).isEqualTo("the schema registry at " + closed + " refused the connection");
    }
}
