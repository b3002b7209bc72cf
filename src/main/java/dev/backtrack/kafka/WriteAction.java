package dev.backtrack.kafka;

/** The kinds of writes Backtrack makes to a cluster; each is guarded and audited. */
public enum WriteAction {
    REPLAY, REDRIVE, PRODUCE, IMPORT, RESET_OFFSETS, CREATE_TOPIC, DELETE
}
