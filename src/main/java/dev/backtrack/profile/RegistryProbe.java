package dev.backtrack.profile;

import dev.backtrack.kafka.RegistrySettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/** Checks that the schema registry answers {@code GET /subjects} with the profile's credentials and TLS. */
final class RegistryProbe {
    static final String STEP = "schema registry";

    private RegistryProbe() {
    }

    static ConnectionTestStep check(RegistrySettings registry, Duration timeout) {
        long start = System.nanoTime();
        String url = registry.url() + "/subjects";
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout((int) timeout.toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            connection.setRequestProperty("Accept", "application/vnd.schemaregistry.v1+json, application/json");
            if (registry.password() != null) {
                String basic = registry.username() + ":" + registry.password();
                connection.setRequestProperty("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
            } else if (registry.bearerToken() != null) {
                connection.setRequestProperty("Authorization", "Bearer " + registry.bearerToken());
            }
            if (connection instanceof HttpsURLConnection https) {
                if (registry.trustStore() != null) {
                    https.setSSLSocketFactory(sslContext(registry).getSocketFactory());
                }
                if (!registry.verifyHostname()) {
                    https.setHostnameVerifier((host, session) -> true);
                }
            }
            int status = connection.getResponseCode();
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                String text = body == null ? "" : new String(body.readNBytes(1 << 20), StandardCharsets.UTF_8);
                if (status == 200) {
                    long subjects = text.isBlank() ? 0 : text.chars().filter(c -> c == '"').count() / 2;
                    return ConnectionTestStep.ok(STEP, registry.url() + " answered with " + subjects + " subject(s)", start);
                }
                if (status == 401 || status == 403) {
                    return ConnectionTestStep.failed(STEP, "the schema registry refused the credentials (HTTP " + status + ")", start);
                }
                return ConnectionTestStep.failed(STEP, "the schema registry answered HTTP " + status + " for " + url, start);
            } finally {
                connection.disconnect();
            }
        } catch (SocketTimeoutException e) {
            return ConnectionTestStep.failed(STEP, "no answer from the schema registry within " + timeout.toSeconds() + " s", start);
        } catch (UnknownHostException e) {
            return ConnectionTestStep.failed(STEP, "the schema registry host does not resolve: " + e.getMessage(), start);
        } catch (ConnectException e) {
            return ConnectionTestStep.failed(STEP, "the schema registry at " + registry.url() + " refused the connection", start);
        } catch (SSLException e) {
            return ConnectionTestStep.failed(STEP, "schema registry: " + TlsFailures.describe(e, URI.create(url).getHost()), start);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return ConnectionTestStep.failed(STEP, "cannot reach the schema registry: " + e.getMessage(), start);
        }
    }

    private static SSLContext sslContext(RegistrySettings registry) throws IOException, GeneralSecurityException {
        KeyStore trust;
        if ("PEM".equalsIgnoreCase(registry.trustStoreType())) {
            trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(registry.trustStore())) {
                int i = 0;
                for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    trust.setCertificateEntry("ca-" + i++, cert);
                }
            }
        } else {
            trust = KeyStore.getInstance(registry.trustStoreType() == null ? "PKCS12" : registry.trustStoreType());
            try (InputStream in = Files.newInputStream(registry.trustStore())) {
                trust.load(in, registry.trustStorePassword() == null ? null : registry.trustStorePassword().toCharArray());
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
