package dev.backtrack.reliability;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated by the current thread around one call (HotSpot's per-thread allocation counter), so a fuzz
 * test can assert that no input made the code under test allocate what a hostile length prefix claims.
 */
final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private long max;
    private String maxLabel = "";

    static long allocatedSoFar() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** CPU time of the current thread in ns: the fuzz tests report it, since wall time on a shared box says little. */
    static long cpuTimeSoFar() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** Records the allocation since {@code start} (a value of {@link #allocatedSoFar()}) under {@code label}. */
    void record(long start, String label) {
        long used = allocatedSoFar() - start;
        if (used > max) {
            max = used;
            maxLabel = label;
        }
    }

    long max() {
        return max;
    }

    String maxLabel() {
        return maxLabel;
    }
}
