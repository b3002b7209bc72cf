package dev.backtrack.ui.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * The one way background work reaches the UI: {@link #background} runs off the FX thread, {@link #onFx}
 * hands an immutable result back. View-models only talk to this interface, so tests can run them
 * synchronously without the FX toolkit ({@link #direct()}).
 */
public interface UiExecutor {
    void background(Runnable work);

    void onFx(Runnable update);

    /** Runs {@code work} in the background and delivers its result or its error on the FX thread. */
    default <T> void supply(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError) {
        background(() -> {
            T result;
            try {
                result = work.get();
            } catch (Throwable e) {
                onFx(() -> onError.accept(e));
                return;
            }
            onFx(() -> onSuccess.accept(result));
        });
    }

    /** Virtual threads for work, {@code Platform.runLater} (or inline when already on the FX thread) for updates. */
    static UiExecutor fx() {
        return FxExecutor.INSTANCE;
    }

    /** Everything inline on the calling thread: for view-model tests. */
    static UiExecutor direct() {
        return new UiExecutor() {
            @Override
            public void background(Runnable work) {
                work.run();
            }

            @Override
            public void onFx(Runnable update) {
                update.run();
            }
        };
    }

    final class FxExecutor implements UiExecutor {
        static final FxExecutor INSTANCE = new FxExecutor();
        private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("backtrack-ui-job-", 0).factory());

        @Override
        public void background(Runnable work) {
            workers.execute(() -> {
                try {
                    work.run();
                } catch (Throwable e) {
                    // a job's own error handling failed: never lose it silently
                    System.err.println("backtrack: background job failed: " + e);
                }
            });
        }

        @Override
        public void onFx(Runnable update) {
            if (Platform.isFxApplicationThread()) {
                update.run();
            } else {
                Platform.runLater(update);
            }
        }
    }
}
