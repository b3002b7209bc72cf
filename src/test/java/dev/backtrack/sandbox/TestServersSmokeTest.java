package dev.backtrack.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

class TestServersSmokeTest {
    @Test
    void clusterAndRegistryAnswer() throws Exception {
        String topic = TestTopics.create(TestServers.bootstrap(), "smoke", 2);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestServers.bootstrap()))) {
            assertThat(admin.listTopics().names().get()).contains(topic);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(TestServers.registryUrl() + "/subjects")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        // other suites register subjects in the shared registry, so only the shape is certain here
        assertThat(r.body()).startsWith("[").endsWith("]");
    }
}
