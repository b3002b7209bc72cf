package dev.backtrack.sandbox;

/**
 * How much demo data to create. {@link #FULL} is what the sandbox creates; {@link #SMALL} keeps the same
 * shapes (every topic, every kind of hostile record, dead letters, the multi-topic flow) for tests.
 * Counts are exact: {@code payments}, {@code shipments} and {@code deadLetters} include the records of
 * the flow; {@code ordersV2PerVersion} records of each schema version go to {@code orders-v2}.
 */
public record DemoSizes(int orders, int ordersV2PerVersion, int payments, int shipments, int customers,
                        int customerRounds, int ledgerTransactions, int ledgerRecordsPerTransaction,
                        int deadLetters, int sinkDeadLetters, int flowOrders, int hugeValueBytes) {
    public static final DemoSizes FULL = new DemoSizes(100_000, 1_000, 20_000, 10_000, 500, 5, 60, 5, 300, 100, 40,
            5 * 1024 * 1024);
    public static final DemoSizes SMALL = new DemoSizes(600, 20, 60, 30, 40, 4, 8, 3, 12, 5, 6, 5 * 1024 * 1024);

    public DemoSizes {
        if (orders < 10 || customers < 4 || customerRounds < 3 || flowOrders < 3 || ledgerTransactions < 4) {
            throw new IllegalArgumentException("demo sizes too small to hold every kind of record: " + this);
        }
        if (payments < flowOrders || shipments < flowOrders || deadLetters < flowDeadLetters() + 4
                || payments + flowOrders > orders || shipments > orders || deadLetters > orders
                || sinkDeadLetters > payments - flowOrders || hugeValueBytes < 1) {
            throw new IllegalArgumentException("inconsistent demo sizes: " + this);
        }
    }

    /** Every third order of the flow ends in {@code orders-dlt} instead of {@code shipments}. */
    public int flowDeadLetters() {
        return flowOrders / 3;
    }

    /** Every fourth ledger transaction is aborted. */
    public int ledgerAbortedTransactions() {
        return ledgerTransactions / 4;
    }
}
