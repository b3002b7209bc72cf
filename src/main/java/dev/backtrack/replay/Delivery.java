package dev.backtrack.replay;

/**
 * How records are delivered.
 *
 * <p>{@link Idempotent}: one idempotent producer, acks=all. Order per target partition is kept; after a
 * crash a resumed job restarts from its last checkpoint, so up to the records sent since that checkpoint
 * may be written twice (the overlap is reported).
 *
 * <p>{@link ExactlyOnce}: a transactional producer. With {@code commitEvery} = {@link #SINGLE_TRANSACTION}
 * the whole job is one transaction: a read_committed consumer of the target sees all of it or nothing, and a
 * cancelled or crashed job leaves nothing behind (a resume starts over). With a finite {@code commitEvery}
 * the job commits in chunks of about that many records: each chunk is all-or-nothing, the checkpoint is
 * written only after its commit, and a resume neither loses nor duplicates a record. A single transaction
 * is bounded by the broker's {@code transaction.max.timeout.ms} (15 min by default), so long jobs should
 * use chunks.
 */
public sealed interface Delivery {
    long SINGLE_TRANSACTION = Long.MAX_VALUE;

    record Idempotent() implements Delivery {
    }

    record ExactlyOnce(String transactionalId, long commitEvery) implements Delivery {
        public ExactlyOnce {
            if (transactionalId == null || transactionalId.isBlank()) {
                throw new IllegalArgumentException("a transactional id is required");
            }
            if (commitEvery <= 0) {
                throw new IllegalArgumentException("commitEvery must be > 0, was " + commitEvery);
            }
        }

        public boolean singleTransaction() {
            return commitEvery == SINGLE_TRANSACTION;
        }
    }

    Delivery IDEMPOTENT = new Idempotent();
}
