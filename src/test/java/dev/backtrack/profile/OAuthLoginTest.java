package dev.backtrack.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * The generated OAUTHBEARER settings drive Kafka's own client-credentials login: creating a client
 * fetches a token from the profile's endpoint with the client id, the secret from the secret store and
 * the scope (Kafka 4 only allows endpoints listed in its allowed-URLs property, which the resolver sets).
 */
class OAuthLoginTest {
    @Test
    void kafkaClientFetchesATokenWithTheProfilesClientCredentials() throws Exception {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        idp.createContext("/oauth2/token", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] response = ("{\"access_token\":\"" + jwt() + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        });
        idp.start();
        try {
            String endpoint = "http://127.0.0.1:" + idp.getAddress().getPort() + "/oauth2/token";
            InMemorySecretStore secrets = new InMemorySecretStore();
            secrets.write("sso", SecretKind.SASL_PASSWORD, "client-Secret-99");
            Profile profile = new Profile("sso", null, Environment.DEV, "127.0.0.1:9", SecurityProtocol.SASL_PLAINTEXT,
                    new SaslSettings(SaslMechanism.OAUTHBEARER, "backtrack-cli", endpoint, "kafka.read", null, null, null),
                    null, null, null, null, false);
            ConnectionSettings settings = new ProfileResolver(secrets).resolve(profile);

            // the SASL login (and so the token request) happens while the client is built, before any broker is contacted
            Admin admin = new KafkaClients(settings).admin();
            admin.close(Duration.ofSeconds(5));

            assertThat(authorizations).isNotEmpty();
            assertThat(authorizations.getFirst()).isEqualTo("Basic " + Base64.getEncoder()
                    .encodeToString("backtrack-cli:client-Secret-99".getBytes(StandardCharsets.UTF_8)));
            assertThat(bodies.getFirst()).contains("grant_type=client_credentials").contains("scope=kafka.read");
        } finally {
            idp.stop(0);
        }
    }

    private static String jwt() {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = url.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = url.encodeToString(("{\"sub\":\"backtrack-cli\",\"iat\":" + now + ",\"exp\":" + (now + 3600)
                + ",\"scope\":\"kafka.read\"}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + "." + url.encodeToString("unsigned".getBytes(StandardCharsets.UTF_8));
    }
}
