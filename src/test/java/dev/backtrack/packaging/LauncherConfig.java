package dev.backtrack.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A jpackage launcher's {@code .cfg}: main class, class path (in order) and JVM options, as written, with
 * {@code $APPDIR} left in. Read strictly: a setting this record cannot carry is an error, since the script
 * launchers ({@link LinuxLaunchers}) would otherwise drop it. The AOT cache is only valid for the class path and
 * JVM flags it was recorded with, so training reads them here too ({@link #classpath(Path)}, {@link #trainingOptions(Path)}).
 */
record LauncherConfig(String mainClass, List<String> classpath, List<String> javaOptions) {

    static LauncherConfig read(Path cfg) throws IOException {
        String mainClass = null;
        List<String> classpath = new ArrayList<>();
        List<String> options = new ArrayList<>();
        String section = "";
        for (String line : Files.readAllLines(cfg)) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("[")) {
                section = line.trim();
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq);
            String value = eq < 0 ? "" : line.substring(eq + 1);
            switch (section + key) {
                case "[Application]app.mainclass" -> mainClass = value;
                case "[Application]app.classpath" -> classpath.add(value);
                case "[JavaOptions]java-options" -> options.add(value);
                default -> throw new IOException(cfg + ": cannot carry '" + line + "' in " + section);
            }
        }
        if (mainClass == null || classpath.isEmpty()) {
            throw new IOException(cfg + " names no main class or class path");
        }
        return new LauncherConfig(mainClass, List.copyOf(classpath), List.copyOf(options));
    }

    /** The class path with {@code $APPDIR} resolved to {@code appDir}. */
    List<String> classpath(Path appDir) {
        return classpath.stream().map(entry -> resolve(entry, appDir)).toList();
    }

    /** The launcher's JVM options without the cache it is about to get (and the flags that silence its absence). */
    List<String> trainingOptions(Path appDir) {
        return javaOptions.stream().filter(o -> !o.startsWith("-XX:AOTCache=") && !o.startsWith("-Xlog:aot") && !o.startsWith("-Xlog:cds"))
                .map(o -> resolve(o, appDir)).toList();
    }

    private static String resolve(String value, Path appDir) {
        return value.replace("$APPDIR", appDir.toString());
    }
}
