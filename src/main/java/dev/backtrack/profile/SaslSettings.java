package dev.backtrack.profile;

import dev.backtrack.BacktrackException;
import java.util.Objects;

/**
 * SASL login without secrets. {@code username} is the SASL user (PLAIN/SCRAM), the OAuth client id
 * (OAUTHBEARER), the Kerberos principal (GSSAPI) or the optional AWS profile name (AWS_MSK_IAM). OAuth uses the client-credentials grant against
 * {@code tokenEndpointUrl} with an optional {@code scope}; GSSAPI logs in from {@code keytab}, with an
 * optional krb5.conf path and service name (default "kafka").
 */
public record SaslSettings(SaslMechanism mechanism, String username, String tokenEndpointUrl, String scope,
                           String keytab, String krb5Config, String kerberosServiceName) {
    public SaslSettings {
        Objects.requireNonNull(mechanism, "mechanism");
        if ((username == null || username.isBlank()) && mechanism != SaslMechanism.AWS_MSK_IAM) {
            throw new BacktrackException(switch (mechanism) {
                case OAUTHBEARER -> "OAUTHBEARER needs a client id (--username)";
                case GSSAPI -> "GSSAPI needs a Kerberos principal (--username)";
                default -> mechanism.kafkaName() + " needs a user name (--username)";
            });
        }
        if (mechanism == SaslMechanism.OAUTHBEARER && (tokenEndpointUrl == null || tokenEndpointUrl.isBlank())) {
            throw new BacktrackException("OAUTHBEARER needs a token endpoint URL (--token-endpoint)");
        }
        if (mechanism == SaslMechanism.GSSAPI && (keytab == null || keytab.isBlank())) {
            throw new BacktrackException("GSSAPI needs a keytab file (--keytab)");
        }
    }

    public static SaslSettings userPassword(SaslMechanism mechanism, String username) {
        return new SaslSettings(mechanism, username, null, null, null, null, null);
    }
}
