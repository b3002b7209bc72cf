package dev.backtrack.profile;

import dev.backtrack.kafka.ConnectionSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.security.ssl.DefaultSslEngineFactory;

/**
 * A real TLS handshake with one broker, using exactly the stores the Kafka client will use (Kafka's own
 * SSL factory loads JKS, PKCS12 and PEM), so certificate problems are reported before Kafka wraps them.
 */
final class TlsProbe {
    /** After the handshake, a broker that requires a client certificate closes with an alert quickly. */
    private static final Duration ALERT_WAIT = Duration.ofMillis(750);

    private TlsProbe() {
    }

    static ConnectionTestStep check(ConnectionSettings settings, BootstrapAddress address, Duration timeout) {
        String name = "TLS handshake";
        long start = System.nanoTime();
        SSLContext context;
        try {
            context = sslContext(settings);
        } catch (RuntimeException e) {
            return ConnectionTestStep.failed(name, "the TLS key or trust store cannot be loaded: "
                    + TlsFailures.rootMessage(e).lines().findFirst().orElse(""), start);
        }
        boolean verifyHostname = !"".equals(settings.clientProperties().get("ssl.endpoint.identification.algorithm"));
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address.host(), address.port()), (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, address.host(), address.port(), true)) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm(verifyHostname ? "HTTPS" : null);
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                SSLSession session = tls.getSession();
                String rejection = clientCertificateRejection(tls, address);
                if (rejection != null) {
                    return ConnectionTestStep.failed(name, rejection, start);
                }
                String subject = session.getPeerCertificates()[0] instanceof X509Certificate cert
                        ? cert.getSubjectX500Principal().getName() : "?";
                return ConnectionTestStep.ok(name, session.getProtocol() + " with " + address + ", certificate " + subject
                        + (verifyHostname ? ", host name verified" : ", host name NOT verified (turned off in the profile)"), start);
            }
        } catch (SocketTimeoutException e) {
            return ConnectionTestStep.failed(name, "no TLS answer from " + address + " within " + timeout.toSeconds()
                    + " s (is this port TLS?)", start);
        } catch (IOException e) {
            return ConnectionTestStep.failed(name, TlsFailures.describe(e, address.host()), start);
        }
    }

    /** In TLS 1.3 the server checks the client certificate after the client's handshake finished. */
    private static String clientCertificateRejection(SSLSocket tls, BootstrapAddress address) {
        try {
            tls.setSoTimeout((int) ALERT_WAIT.toMillis());
            InputStream in = tls.getInputStream();
            in.read();
            return null;
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            String described = TlsFailures.describe(e, address.host());
            return described.startsWith("TLS handshake") ? null : described;
        }
    }

    static SSLContext sslContext(ConnectionSettings settings) {
        Map<String, Object> raw = new HashMap<>(settings.clientProperties());
        raw.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        // parse through Kafka's config definitions so passwords become Password values, as the factory expects
        Map<String, ?> parsed = new AdminClientConfig(raw).values();
        DefaultSslEngineFactory factory = new DefaultSslEngineFactory();
        factory.configure(parsed);
        return factory.sslContext();
    }
}
