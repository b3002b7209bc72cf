package dev.backtrack.ui.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.dirs.ProjectDirectories;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Loads and saves {@code ui-settings.json} in the config dir (system property {@code backtrack.config.dir}
 * overrides it). Saves are debounced (one write per burst of changes) and atomic (temp file + move), so a
 * crash never leaves half a file.
 */
public final class UiSettingsStore {
    static final long SAVE_DELAY_MS = 500;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ScheduledExecutorService SAVER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "backtrack-ui-settings");
        t.setDaemon(true);
        return t;
    });

    private final Path file;
    private final UiSettings settings;
    private ScheduledFuture<?> pending;

    public UiSettingsStore(Path file) {
        this.file = file;
        this.settings = read(file);
    }

    private static volatile java.util.concurrent.CompletableFuture<UiSettingsStore> preloaded;

    public static UiSettingsStore openDefault() {
        java.util.concurrent.CompletableFuture<UiSettingsStore> early = preloaded;
        return early != null ? early.join() : new UiSettingsStore(configDir().resolve("ui-settings.json"));
    }

    /** Starts reading the settings (Jackson start-up included) in the background while JavaFX starts. */
    public static void preload() {
        preloaded = java.util.concurrent.CompletableFuture.supplyAsync(() -> new UiSettingsStore(configDir().resolve("ui-settings.json")));
    }

    public static Path configDir() {
        String override = System.getProperty("backtrack.config.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return Path.of(ProjectDirectories.from("dev", "backtrack", "Backtrack").configDir);
    }

    public UiSettings settings() {
        return settings;
    }

    public Path file() {
        return file;
    }

    /** Schedules a save; changes within {@link #SAVE_DELAY_MS} are written together. */
    public synchronized void saveLater() {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = SAVER.schedule(this::saveNow, SAVE_DELAY_MS, TimeUnit.MILLISECONDS);
    }

    /** Writes the settings now; a save still scheduled has nothing left to write and is cancelled. */
    public synchronized void saveNow() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            synchronized (settings) {
                JSON.writeValue(tmp.toFile(), settings);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.err.println("backtrack: could not save UI settings to " + file + ": " + e.getMessage());
        }
    }

    private static UiSettings read(Path file) {
        if (!Files.isRegularFile(file)) {
            return new UiSettings();
        }
        try {
            return JSON.readValue(file.toFile(), UiSettings.class);
        } catch (IOException e) {
            System.err.println("backtrack: ignoring unreadable UI settings " + file + ": " + e.getMessage());
            return new UiSettings();
        }
    }
}
