package dev.backtrack.bench;

import dev.backtrack.sandbox.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Desktop figures: process launch → first window shown (cold = first launch of this run, then warm), and
 * the table append rate the message table sustains without dropping frames (measured in the app by
 * {@link TableAppendProbe}). Needs a display (Xvfb in CI); skipped with a note otherwise.
 */
final class UiBench {
    private UiBench() {
    }

    static List<Measurement> run(BenchEnvironment env, BenchConfig config, List<String> notes) throws Exception {
        if (System.getenv("DISPLAY") == null) {
            notes.add("UI figures skipped: no DISPLAY (run under xvfb-run).");
            return List.of();
        }
        Measurement cold = new Measurement("desktop start: launch → first window", "first launch (cold caches)", "ms", false);
        Measurement warm = new Measurement(cold.scenario, "warm second and later launches", "ms", false);
        for (int run = 0; run <= config.runs(); run++) {
            double ms = firstWindowMillis(env);
            (run == 0 ? cold : warm).add(ms);
            System.err.printf("ui run %d: first window after %.0f ms%n", run + 1, ms);
        }
        Measurement append = TableAppendProbe.measure(env, config);
        notes.add(String.format(java.util.Locale.ROOT, "desktop: warm launch → first window median %.0f ms (goal ≤ 2000 ms, #7/#10)", warm.median()));
        return List.of(cold, warm, append);
    }

    private static double firstWindowMillis(BenchEnvironment env) throws Exception {
        var config = Files.createTempDirectory(env.workDir, "ui-config");
        List<String> command = new ArrayList<>(List.of(ChildJvm.javaExecutable().toString(), "--enable-native-access=ALL-UNNAMED",
                "-Xmx1g", "-Dbacktrack.startup.timing=true", "-Dbacktrack.config.dir=" + config, "-Dbacktrack.data.dir=" + config,
                "-cp", env.classpath, "dev.backtrack.ui.main.Launcher"));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.contains("first window shown")) {
                    return (System.nanoTime() - start) / 1e6;
                }
            }
            throw new IllegalStateException("the app exited without showing a window (exit " + p.waitFor() + ")");
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
