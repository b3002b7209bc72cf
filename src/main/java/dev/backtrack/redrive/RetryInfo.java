package dev.backtrack.redrive;

/**
 * Spring retry-topic state: delivery attempts so far, when the next attempt is due (epoch ms) and the
 * original record's timestamp (epoch ms). Null when the header is absent or malformed.
 */
public record RetryInfo(Integer attempts, Long backoffTimestamp, Long originalTimestamp) {
    public boolean isEmpty() {
        return attempts == null && backoffTimestamp == null && originalTimestamp == null;
    }
}
