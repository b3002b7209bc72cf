package dev.backtrack.bench;

import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.sandbox.ChildJvm;
import dev.backtrack.ui.browse.MessageRow;
import dev.backtrack.ui.browse.MessageTable;
import dev.backtrack.ui.common.UiBatcher;
import dev.backtrack.ui.common.UiExecutor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.apache.kafka.common.record.TimestampType;

/**
 * Feeds the app's message table through the app's batching helper at rising rates (as a live tail would) and
 * measures frame gaps with an AnimationTimer after an unmeasured warm-up (class loading and JIT make the very
 * first frames slow). The sustained rate is the highest rate at which every record was appended, 95 % of
 * frames came within 34 ms (at most one dropped frame at 60 Hz) and 99 % within 50 ms. Runs in its own JVM
 * (a real window) and prints {@code sustained=N}.
 */
public final class TableAppendProbe {
    private static final int[] RATES = {1_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000};
    private static final int BUFFER = 50_000;

    private TableAppendProbe() {
    }

    static Measurement measure(BenchEnvironment env, BenchConfig config) throws Exception {
        Measurement m = new Measurement("message table append (live tail path, 50 000-row buffer)", "records/s shown without dropped frames",
                "records/s", true);
        for (int run = 0; run < (config.quick() ? 1 : 3); run++) {
            Process p = new ProcessBuilder(ChildJvm.javaExecutable().toString(), "--enable-native-access=ALL-UNNAMED", "-Xmx1g",
                    "-cp", env.classpath, TableAppendProbe.class.getName()).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("sustained=")) {
                        m.add(Double.parseDouble(line.substring("sustained=".length())));
                    }
                }
            }
            p.waitFor(2, TimeUnit.MINUTES);
        }
        return m;
    }

    public static void main(String[] args) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        ObservableList<MessageRow> rows = FXCollections.observableArrayList();
        List<Long> frames = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            Stage stage = new Stage();
            stage.setScene(new Scene(new MessageTable(rows), 1200, 800));
            stage.show();
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    frames.add(now);
                }
            }.start();
            shown.countDown();
        });
        shown.await();
        RecordDecoder decoder = new RecordDecoder((dev.backtrack.kafka.RegistrySettings) null);
        byte[] value = "{\"orderId\":42,\"status\":\"PAID\",\"total\":\"129.90\",\"items\":[\"a\",\"b\"]}".getBytes(StandardCharsets.UTF_8);
        int sustained = 0;
        feed(rows, decoder, value, 1_000, 2);
        for (int rate : RATES) {
            frames.clear();
            long appended = feed(rows, decoder, value, rate, 3);
            CountDownLatch drained = new CountDownLatch(1);
            Platform.runLater(drained::countDown);
            drained.await();
            List<Long> gaps = new ArrayList<>();
            synchronized (frames) {
                for (int i = 1; i < frames.size(); i++) {
                    gaps.add((frames.get(i) - frames.get(i - 1)) / 1_000_000);
                }
            }
            Collections.sort(gaps);
            long p95 = gaps.isEmpty() ? Long.MAX_VALUE : gaps.get((int) (gaps.size() * 0.95));
            long p99 = gaps.isEmpty() ? Long.MAX_VALUE : gaps.get((int) (gaps.size() * 0.99));
            long max = gaps.isEmpty() ? Long.MAX_VALUE : gaps.get(gaps.size() - 1);
            System.out.printf("rate=%d appended=%d frames=%d p95=%dms p99=%dms max=%dms%n", rate, appended, gaps.size(), p95, p99, max);
            if (p95 <= 34 && p99 <= 50 && appended >= rate * 3L * 95 / 100) {
                sustained = rate;
            } else {
                break;
            }
        }
        System.out.println("sustained=" + sustained);
        System.out.flush();
        Platform.exit();
        System.exit(0);
    }

    /** Appends synthetic rows at {@code rate} per second for {@code seconds} through the app's batcher; returns the count. */
    private static long feed(ObservableList<MessageRow> rows, RecordDecoder decoder, byte[] value, int rate, long seconds) throws InterruptedException {
        long sent = 0;
        try (UiBatcher<MessageRow> batcher = new UiBatcher<>(UiExecutor.fx(), batch -> {
            rows.addAll(batch);
            if (rows.size() > BUFFER) {
                rows.remove(0, rows.size() - BUFFER);
            }
        })) {
            long start = System.nanoTime();
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds)) {
                long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
                List<MessageRow> chunk = new ArrayList<>();
                for (; sent < due; sent++) {
                    RawRecord raw = new RawRecord("probe", (int) (sent % 6), sent, System.currentTimeMillis(), TimestampType.CREATE_TIME,
                            ("key-" + sent).getBytes(StandardCharsets.UTF_8), value, List.of());
                    chunk.add(MessageRow.of(decoder.decode(raw), false));
                }
                batcher.add(chunk);
                Thread.sleep(5);
            }
            batcher.flush();
        }
        return sent;
    }
}
