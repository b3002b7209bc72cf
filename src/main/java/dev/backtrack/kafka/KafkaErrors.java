package dev.backtrack.kafka;

import dev.backtrack.BacktrackException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Turns Kafka client failures into one sentence a user can act on: unreachable cluster, failed
 * authentication, TLS failure, missing ACL, missing topic. Anything else keeps Kafka's own message.
 */
public final class KafkaErrors {
    private KafkaErrors() {
    }

    /** One sentence for a failure while talking to {@code settings}' cluster (topic may be null). */
    public static String describe(Throwable error, ConnectionSettings settings, String topic) {
        Throwable e = unwrap(error);
        String where = settings == null ? "the cluster" : settings.bootstrapServers();
        String what = topic == null ? "" : " topic '" + topic + "'";
        if (e instanceof BacktrackException) {
            return e.getMessage();
        }
        if (e instanceof SslAuthenticationException) {
            return "TLS handshake with Kafka at " + where + " failed: " + rootMessage(e);
        }
        if (e instanceof SaslAuthenticationException || e instanceof AuthenticationException) {
            return "authentication failed at Kafka " + where + ": " + rootMessage(e);
        }
        if (e instanceof TopicAuthorizationException) {
            return "not authorised to access" + (what.isEmpty() ? " this topic" : what) + " on " + where + " (missing ACL)";
        }
        if (e instanceof GroupAuthorizationException g) {
            return "not authorised to use consumer group '" + g.groupId() + "' on " + where + " (missing ACL)";
        }
        if (e instanceof ClusterAuthorizationException || e instanceof TransactionalIdAuthorizationException
                || e instanceof AuthorizationException) {
            return "not authorised for this operation on " + where + " (missing ACL): " + e.getMessage();
        }
        if (e instanceof UnknownTopicOrPartitionException) {
            return topic == null ? "the topic or partition does not exist on " + where : "topic '" + topic + "' does not exist";
        }
        if (e instanceof TimeoutException) {
            return "cannot reach Kafka at " + where + " within " + KafkaClients.API_TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof ConfigException c && String.valueOf(c.getMessage()).contains("bootstrap")) {
            return "cannot resolve the bootstrap address " + where + ": " + c.getMessage();
        }
        if (e instanceof KafkaException k) {
            return "Kafka error at " + where + ": " + rootMessage(k);
        }
        return "unexpected error talking to Kafka at " + where + ": " + e;
    }

    public static String describe(Throwable error) {
        return describe(error, null, null);
    }

    /** The failure as a {@link BacktrackException} carrying the one-sentence message (and the cause). */
    public static BacktrackException toBacktrack(Throwable error, ConnectionSettings settings, String topic) {
        Throwable e = unwrap(error);
        if (e instanceof BacktrackException b) {
            return b;
        }
        return new BacktrackException(describe(e, settings, topic), e);
    }

    static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : e.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }
}
