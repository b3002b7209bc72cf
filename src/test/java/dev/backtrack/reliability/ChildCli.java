package dev.backtrack.reliability;

import dev.backtrack.cli.Main;
import dev.backtrack.sandbox.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code backtrack} CLI ({@link Main}) in a child JVM, with stdout and stderr in separate files,
 * so a test can SIGKILL it ({@link Process#destroyForcibly()}) like a crash or an OOM killer would.
 */
final class ChildCli implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;

    private ChildCli(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static ChildCli start(Path dir, String name, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ChildJvm.javaExecutable().toString());
        command.addAll(List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
        for (String property : List.of("backtrack.config.dir", "backtrack.data.dir")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.add("-cp");
        command.add(classpath());
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            return new ChildCli(p, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The dependency jars (Maven's test class path file) plus Backtrack's own classes. */
    static String classpath() {
        String file = System.getProperty("backtrack.test.classpath.file");
        try {
            String own = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            String deps = file != null && Files.exists(Path.of(file)) ? Files.readString(Path.of(file)).trim()
                    : System.getProperty("java.class.path");
            return own + File.pathSeparator + deps;
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot build the child class path", e);
        }
    }

    Process process() {
        return process;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no finally block, no flush runs in the child. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    int await(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the CLI did not finish within " + seconds + " s; stderr: " + err());
        }
        return process.exitValue();
    }

    String out() {
        return read(out);
    }

    String err() {
        return read(err);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
