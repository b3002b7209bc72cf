package dev.backtrack.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Build-time only, not a user command: runs a list of CLI commands in one JVM, so that packaging can record an
 * ahead-of-time cache (JDK 25: classes loaded and linked, method profiles) of a representative CLI workload for
 * the CLI launcher ({@code -XX:AOTCacheOutput}). Argument: a JSON file holding an array of command lines (arrays
 * of strings). Results go nowhere; each command's exit code is reported on stderr, and the run fails (exit 1) if
 * any command failed, so a broken training never ships a cache of an error path.
 */
public final class AotTraining {
    private AotTraining() {
    }

    public static void main(String[] args) throws Exception {
        String[][] commands = new ObjectMapper().readValue(Path.of(args[0]).toFile(), String[][].class);
        PrintWriter discard = new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int failed = 0;
        for (String[] command : commands) {
            long start = System.nanoTime();
            int exit = Main.run(discard, err, command);
            System.err.printf("aot-training: exit %d in %d ms: %s%n", exit, (System.nanoTime() - start) / 1_000_000, String.join(" ", command));
            if (exit != 0) {
                failed++;
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
