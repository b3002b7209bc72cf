package dev.backtrack.ui.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** The CDS training run's exit: once, after the first pulse and the delay, on the FX thread. */
class StartupExitTest {
    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void exitRunsOnceAfterTheFirstPulseAndTheDelay() throws Exception {
        FxToolkit.registerPrimaryStage();
        AtomicInteger calls = new AtomicInteger();
        AtomicLong scheduledAt = new AtomicLong();
        AtomicLong ranAt = new AtomicLong();
        AtomicInteger onFxThread = new AtomicInteger();
        FxToolkit.setupStage(stage -> {
            Stage s = stage;
            s.setScene(new Scene(new Label("startup"), 200, 100));
            s.show();
            scheduledAt.set(System.nanoTime());
            StartupExit.afterFirstPulse(s.getScene(), javafx.util.Duration.millis(400), () -> {
                ranAt.set(System.nanoTime());
                if (javafx.application.Platform.isFxApplicationThread()) {
                    onFxThread.incrementAndGet();
                }
                calls.incrementAndGet();
            });
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> calls.get() == 1);
        assertThat(Duration.ofNanos(ranAt.get() - scheduledAt.get())).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(onFxThread.get()).isEqualTo(1);
        // later pulses (a relayout) do not schedule a second exit
        FxToolkit.setupFixture(() -> ((Label) FxToolkit.toolkitContext().getRegisteredStage().getScene().getRoot()).setText("again"));
        await().pollDelay(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(calls.get()).isEqualTo(1);
    }
}
