package dev.backtrack.ui.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.replay.ReplayReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The figures line of a replay's report (text only: no window needed). */
class ReportPaneTest {

    @Test
    void recordsWrittenWithoutAnAcknowledgementInTimeAreShownAmongTheWrittenOnes() {
        assertThat(ReportPane.figures(report(36L, null))).startsWith(
                "read 2000 · matched 2000 · sent 2000 · written 217 (36 without an acknowledgement in time) · failed 1783 · 812 ms");
        assertThat(ReportPane.figures(report(0L, 4L))).startsWith(
                "read 2000 · matched 2000 · sent 2000 · written 217 · failed 1783 · resent copies on the target 4 · 812 ms");
        assertThat(ReportPane.figures(report(null, null))).startsWith("read 2000 · matched 2000 · sent 2000 · written 217 · failed 1783 · 812 ms")
                .contains("\nchecksum as sent 00000000000000aa · read back 00000000000000aa · replay id r-1");
    }

    private static ReplayReport report(Long landedWithoutAcknowledgement, Long duplicates) {
        return new ReplayReport("r-1", ReplayReport.COMPLETED, false, Map.of(), List.of(), "src", "dst", "orders-replay", false,
                List.of(), List.of(), 2000, 2000, 2000, 217, 1783, List.of(), "00000000000000aa", "00000000000000aa", true, duplicates,
                landedWithoutAcknowledgement, null, null, null, 812, 2463.0);
    }
}
