package dev.backtrack.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiSettingsStoreTest {
    @Test
    void savesDebouncedAndAtomicallyAndReadsBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ui-settings.json");
        UiSettingsStore store = new UiSettingsStore(file);
        store.settings().theme = "DARK";
        store.settings().putTopic("dev", "orders", new UiSettings.TopicState("AUTO", "AVRO", "offset:42"));
        store.saveLater();
        store.saveLater();
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file));
        assertThat(Files.exists(dir.resolve("ui-settings.json.tmp"))).isFalse();
        UiSettings again = new UiSettingsStore(file).settings();
        assertThat(again.theme).isEqualTo("DARK");
        assertThat(again.topic("dev", "orders")).isEqualTo(new UiSettings.TopicState("AUTO", "AVRO", "offset:42"));
        assertThat(again.topic("dev", "other")).isEqualTo(UiSettings.TopicState.DEFAULT);
    }

    @Test
    void saveNowLeavesNoSaveScheduledToWriteLater(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config").resolve("ui-settings.json");
        UiSettingsStore store = new UiSettingsStore(file);
        store.settings().theme = "DARK";
        store.saveLater();
        store.saveNow();
        assertThat(new UiSettingsStore(file).settings().theme).isEqualTo("DARK");
        // as when a test's temp dir or an uninstall removes the directory after the app wrote its settings on exit
        Files.delete(file);
        Files.delete(file.getParent());
        Thread.sleep(UiSettingsStore.SAVE_DELAY_MS + 500);
        assertThat(file.getParent()).doesNotExist();
    }

    @Test
    void unreadableFileFallsBackToDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ui-settings.json");
        Files.writeString(file, "{not json");
        assertThat(new UiSettingsStore(file).settings().windowWidth).isEqualTo(1400);
    }

    @Test
    void batcherCoalescesItemsIntoFewDeliveries() {
        List<List<Integer>> deliveries = new CopyOnWriteArrayList<>();
        try (UiBatcher<Integer> batcher = new UiBatcher<>(UiExecutor.direct(), deliveries::add)) {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                batcher.add(i);
                all.add(i);
            }
            batcher.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> deliveries.stream().mapToInt(List::size).sum() == 10_000);
            assertThat(deliveries.size()).isLessThan(100);
            assertThat(deliveries.stream().flatMap(List::stream).toList()).isEqualTo(all);
        }
    }
}
