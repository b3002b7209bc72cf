package dev.backtrack.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.BacktrackException;
import dev.backtrack.kafka.RegistrySettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * HTTP transport to a Confluent-compatible registry: auth headers, trust store, bounded timeouts, and the
 * mapping of failures to one-sentence exceptions. After a failed connection the registry is considered down
 * for {@link #DOWN_FOR} so a page of records does not wait for one timeout per record.
 */
final class RegistryHttp {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DOWN_FOR = Duration.ofSeconds(10);
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistrySettings settings;
    private final HttpClient http;
    private volatile long downUntilNanos;
    private volatile RegistryUnavailableException lastOutage;

    RegistryHttp(RegistrySettings settings) {
        this.settings = settings;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (settings.trustStore() != null || !settings.verifyHostname()) {
            builder.sslContext(sslContext(settings));
        }
        this.http = builder.build();
    }

    String url() {
        return settings.url();
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), path);
    }

    JsonNode post(String path, JsonNode body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body.toString())), path);
    }

    JsonNode put(String path, JsonNode body) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body.toString())), path);
    }

    private URI uri(String path) {
        try {
            return URI.create(settings.url() + path);
        } catch (IllegalArgumentException e) {
            throw new BacktrackException("schema registry URL " + settings.url() + " is not a valid URL: " + e.getMessage());
        }
    }

    private JsonNode send(HttpRequest.Builder request, String path) {
        RegistryUnavailableException outage = lastOutage;
        if (outage != null && System.nanoTime() - downUntilNanos < 0) {
            throw outage;
        }
        request.timeout(REQUEST_TIMEOUT).header("Accept", CONTENT_TYPE + ", application/json")
                .header("Content-Type", CONTENT_TYPE);
        if (settings.bearerToken() != null) {
            request.header("Authorization", "Bearer " + settings.bearerToken());
        } else if (settings.username() != null) {
            String pair = settings.username() + ":" + (settings.password() == null ? "" : settings.password());
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BacktrackException("interrupted while calling the schema registry at " + settings.url(), e);
        } catch (IOException e) {
            throw markDown(e);
        }
        lastOutage = null;
        return parse(response, path);
    }

    private RegistryUnavailableException markDown(IOException e) {
        String reason;
        if (e instanceof HttpConnectTimeoutException) {
            reason = "connection timed out after " + CONNECT_TIMEOUT.toSeconds() + " s";
        } else if (e instanceof HttpTimeoutException) {
            reason = "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s";
        } else if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            reason = "connection refused";
        } else if (e instanceof SSLException || e.getCause() instanceof SSLException) {
            reason = "TLS handshake failed (" + e.getMessage() + ")";
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        RegistryUnavailableException outage = new RegistryUnavailableException(
                "schema registry at " + settings.url() + " is unreachable: " + reason, e);
        lastOutage = outage;
        downUntilNanos = System.nanoTime() + DOWN_FOR.toNanos();
        return outage;
    }

    private JsonNode parse(HttpResponse<byte[]> response, String path) {
        int status = response.statusCode();
        JsonNode body = null;
        try {
            body = response.body().length == 0 ? null : JSON.readTree(response.body());
        } catch (IOException e) {
            if (status / 100 == 2) {
                throw new BacktrackException("schema registry at " + settings.url() + " answered " + path + " with something that is not JSON");
            }
        }
        if (status / 100 == 2) {
            return body;
        }
        int errorCode = body != null && body.has("error_code") ? body.get("error_code").asInt() : 0;
        String message = body != null && body.hasNonNull("message") ? body.get("message").asText() : "HTTP " + status;
        if (status == 401 || status == 403) {
            throw new RegistryException("schema registry at " + settings.url() + " refused the credentials (HTTP " + status + ")", status, errorCode);
        }
        throw new RegistryException("schema registry at " + settings.url() + " answered " + status
                + (errorCode != 0 ? " (" + errorCode + ")" : "") + ": " + message, status, errorCode);
    }

    private static SSLContext sslContext(RegistrySettings settings) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            KeyStore store = null;
            if (settings.trustStore() != null) {
                store = KeyStore.getInstance(settings.trustStoreType() == null ? KeyStore.getDefaultType() : settings.trustStoreType());
                char[] password = settings.trustStorePassword() == null ? null : settings.trustStorePassword().toCharArray();
                try (InputStream in = Files.newInputStream(settings.trustStore())) {
                    store.load(in, password);
                }
            }
            factory.init(store);
            TrustManager[] managers = factory.getTrustManagers();
            if (!settings.verifyHostname()) {
                for (int i = 0; i < managers.length; i++) {
                    if (managers[i] instanceof X509ExtendedTrustManager x509) {
                        managers[i] = new ChainOnlyTrustManager(x509);
                    }
                }
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, managers, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new BacktrackException("could not load the registry trust store " + settings.trustStore() + ": " + e.getMessage(), e);
        }
    }

    /** Verifies the certificate chain but not the host name, for a user who switched host name checks off. */
    private static final class ChainOnlyTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;

        ChainOnlyTrustManager(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
