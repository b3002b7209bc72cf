package dev.backtrack.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a user's CLI process starts, for the benchmarks: the JVM options of the packaged CLI launcher
 * ({@code packaging/jpackage/cli-launcher.properties}, one source of truth) and the runtime class path
 * (the application's classes and its runtime dependencies, as {@code ./backtrack} uses them).
 */
final class CliLaunch {
    private static final Path LAUNCHER = Path.of("packaging", "jpackage", "cli-launcher.properties");

    private CliLaunch() {
    }

    static List<String> jvmOptions() {
        try {
            for (String line : Files.readAllLines(LAUNCHER)) {
                if (line.startsWith("java-options=")) {
                    List<String> options = new ArrayList<>(Arrays.asList(line.substring("java-options=".length()).trim().split("\\s+")));
                    options.removeIf(o -> o.startsWith("-Dbacktrack.installed")); // the installed layout is not this one
                    return options;
                }
            }
            throw new IllegalStateException(LAUNCHER + " has no java-options line");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LAUNCHER.toAbsolutePath() + " (run the benchmarks from the project root)", e);
        }
    }

    static String runtimeClasspath() {
        try {
            Path classes = Path.of(dev.backtrack.cli.Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path listing = classes.resolveSibling("classpath-runtime.txt");
            return classes + java.io.File.pathSeparator + Files.readString(listing).trim();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the runtime class path listing next to the classes", e);
        }
    }
}
