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
                    // the installed layout is not this one, and packaging-time placeholders (the AOT cache) are not set here
                    options.removeIf(o -> o.startsWith("-Dbacktrack.installed") || o.startsWith("${"));
                    return options;
                }
            }
            throw new IllegalStateException(LAUNCHER + " has no java-options line");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LAUNCHER.toAbsolutePath() + " (run the benchmarks from the project root)", e);
        }
    }

    /**
     * The CLI launcher of the app image that {@code -Pdist} built ({@code <build dir>/dist/backtrack/bin/backtrack-cli},
     * with its jlinked runtime and, on Linux, its AOT cache), when it exists and is not older than the compiled classes:
     * that is what an installed Backtrack runs.
     */
    static java.util.Optional<Path> packagedLauncher() {
        try {
            Path classes = classesDir();
            Path launcher = classes.resolveSibling("dist").resolve("backtrack").resolve("bin").resolve("backtrack-cli");
            if (!Files.isExecutable(launcher)) {
                return java.util.Optional.empty();
            }
            Path appDir = launcher.getParent().getParent().resolve("lib").resolve("app");
            try (var jars = Files.list(appDir)) {
                Path mainJar = jars.filter(j -> j.getFileName().toString().startsWith("backtrack-") && j.toString().endsWith(".jar"))
                        .findFirst().orElse(null);
                return mainJar != null && sameClasses(mainJar, classes) ? java.util.Optional.of(launcher) : java.util.Optional.empty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the jar holds exactly the compiled classes (by content: a recompile without changes still matches). */
    private static boolean sameClasses(Path jar, Path classes) throws IOException {
        int inJar = 0;
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            for (var entries = file.entries(); entries.hasMoreElements(); ) {
                var entry = entries.nextElement();
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                inJar++;
                Path compiled = classes.resolve(entry.getName());
                if (!Files.isRegularFile(compiled) || Files.size(compiled) != entry.getSize()) {
                    return false;
                }
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(Files.readAllBytes(compiled));
                if (crc.getValue() != entry.getCrc()) {
                    return false;
                }
            }
        }
        try (var files = Files.walk(classes)) {
            return files.filter(f -> f.toString().endsWith(".class")).count() == inJar;
        }
    }

    /** How the benchmarks start the CLI, for the report. */
    static String describe() {
        return packagedLauncher().map(l -> "the packaged CLI launcher (" + l.getParent().getParent().getFileName() + " app image: jlinked runtime"
                        + (Files.exists(l.getParent().getParent().resolve("lib/app/backtrack-cli.aot")) ? ", AOT cache" : "") + ")")
                .orElse("java with the CLI launcher's options and the runtime class path (no current app image)");
    }

    private static Path classesDir() {
        try {
            return Path.of(dev.backtrack.cli.Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String runtimeClasspath() {
        try {
            Path classes = classesDir();
            Path listing = classes.resolveSibling("classpath-runtime.txt");
            return classes + java.io.File.pathSeparator + Files.readString(listing).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the runtime class path listing next to the classes", e);
        }
    }
}
