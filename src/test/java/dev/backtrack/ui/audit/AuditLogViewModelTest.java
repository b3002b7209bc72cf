package dev.backtrack.ui.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.profile.AuditLog;
import dev.backtrack.ui.common.UiExecutor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log window's state, without a window. */
class AuditLogViewModelTest {

    @Test
    void showsTheWritesNewestFirstAndFiltersThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditLogViewModel vm = new AuditLogViewModel(new AuditLog(file), UiExecutor.direct());
        vm.load();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.statusProperty().get()).isEqualTo("No write has been audited yet.");

        AuditEntries.write(file);
        vm.load();
        assertThat(vm.rows()).extracting(AuditLogViewModel.Row::action).containsExactly("produce", "redrive", "replay");
        assertThat(vm.rows().get(1).failed()).isTrue();
        assertThat(vm.rows().get(1).summary()).isEqualTo("sent 10 · written 6 · error the source went away");
        assertThat(vm.rows().get(2).summary()).isEqualTo("sent 40 · written 40 · failed 0 · verified true");
        assertThat(vm.statusProperty().get()).isEqualTo("3 write(s) · 1 failed · 1 line(s) of the log could not be read (line 3 first)");

        vm.outcomeProperty().set(AuditLogViewModel.OutcomeFilter.FAILED);
        assertThat(vm.rows()).extracting(AuditLogViewModel.Row::topic).containsExactly("orders");
        assertThat(vm.statusProperty().get()).startsWith("1 of 3 write(s)");
        vm.outcomeProperty().set(AuditLogViewModel.OutcomeFilter.WRITTEN);
        vm.filterProperty().set("ORDERS");
        assertThat(vm.rows()).extracting(AuditLogViewModel.Row::topic).containsExactly("orders-replay");
        vm.outcomeProperty().set(AuditLogViewModel.OutcomeFilter.ALL);
        vm.filterProperty().set("prod-");
        assertThat(vm.rows()).extracting(AuditLogViewModel.Row::profile).containsExactly("prod-eu");
        assertThat(vm.file()).isEqualTo(file.toString());
        assertThat(AuditLogView.time(vm.rows().getFirst(), true)).isEqualTo("2026-11-28 09:00:00Z");
    }
}
