package dev.backtrack.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A jpackage launcher's {@code .cfg}: its class path (in order, {@code $APPDIR} resolved) and JVM options. The
 * AOT cache is only valid for the class path and JVM flags it was recorded with, so training reads them here.
 */
record LauncherConfig(List<String> classpath, List<String> javaOptions) {

    static LauncherConfig read(Path cfg, Path appDir) throws IOException {
        List<String> classpath = new ArrayList<>();
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(cfg)) {
            if (line.startsWith("app.classpath=")) {
                classpath.add(line.substring("app.classpath=".length()).replace("$APPDIR", appDir.toString()));
            } else if (line.startsWith("java-options=")) {
                options.add(line.substring("java-options=".length()).replace("$APPDIR", appDir.toString()));
            }
        }
        if (classpath.isEmpty()) {
            throw new IOException(cfg + " names no class path");
        }
        return new LauncherConfig(List.copyOf(classpath), List.copyOf(options));
    }

    /** The launcher's JVM options without the cache it is about to get (and the flags that silence its absence). */
    List<String> trainingOptions() {
        return javaOptions.stream().filter(o -> !o.startsWith("-XX:AOTCache=") && !o.startsWith("-Xlog:aot") && !o.startsWith("-Xlog:cds")).toList();
    }
}
