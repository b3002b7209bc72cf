package dev.backtrack.profile;

import java.util.Locale;

/** Turns the JDK's and Kafka's TLS exceptions into one sentence naming the actual problem. */
final class TlsFailures {
    private TlsFailures() {
    }

    static String describe(Throwable error, String host) {
        String chain = messages(error);
        String lower = chain.toLowerCase(Locale.ROOT);
        if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
            return "the certificate of " + host + " does not match the host name '" + host
                    + "' (hostname verification is on; connect by a name the certificate lists)";
        }
        if (lower.contains("pkix path") || lower.contains("unable to find valid certification path")
                || lower.contains("signature check failed") || lower.contains("certpathvalidator")) {
            return "the certificate of " + host + " is not trusted: it is not signed by a CA in the configured trust store";
        }
        if (lower.contains("certificate expired") || lower.contains("notafter") || lower.contains("certificateexpired")) {
            return "the certificate of " + host + " has expired";
        }
        if (lower.contains("certificate_required") || lower.contains("bad_certificate")
                || lower.contains("certificate_unknown") && lower.contains("received fatal alert")) {
            return host + " rejected the client certificate (mutual TLS: configure a key store the broker trusts)";
        }
        if (lower.contains("unsupported or unrecognized ssl message") || lower.contains("plaintext connection")) {
            return host + " does not speak TLS on this port (check the security protocol)";
        }
        if (lower.contains("keystore") || lower.contains("truststore") || lower.contains("password")
                && lower.contains("incorrect")) {
            return "the TLS key or trust store cannot be loaded: " + firstLine(rootMessage(error));
        }
        return "TLS handshake with " + host + " failed: " + firstLine(rootMessage(error));
    }

    static String messages(Throwable error) {
        StringBuilder out = new StringBuilder();
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            out.append(e.getClass().getSimpleName()).append(": ").append(e.getMessage()).append(" | ");
        }
        return out.toString();
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse(text);
    }
}
