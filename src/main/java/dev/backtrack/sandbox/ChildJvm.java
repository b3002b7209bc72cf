package dev.backtrack.sandbox;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * A Java child process (broker or registry) whose output goes to a log file and which is
 * stopped with SIGTERM, then killed if it does not exit in time. A JVM shutdown hook stops it
 * so that Ctrl-C on the parent leaves no orphan.
 */
public final class ChildJvm implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path logFile;
    private final Thread shutdownHook;

    private ChildJvm(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.shutdownHook = new Thread(this::stopQuietly, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The java launcher of the running JVM, so children use the same JDK. */
    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    public static ChildJvm start(String name, Path workDir, List<String> jvmArgs, String classpath,
                                 String mainClassOrJar, List<String> args, Map<String, String> env,
                                 Path logFile) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.addAll(jvmArgs);
        String mainClass;
        String cp;
        if (classpath != null) {
            cp = classpath;
            mainClass = mainClassOrJar;
        } else {
            // an executable jar: run its Main-Class from the class path, honouring its Add-Opens
            Path jar = workDir.resolve(mainClassOrJar);
            try (JarFile jarFile = new JarFile(jar.toFile())) {
                Attributes attributes = jarFile.getManifest().getMainAttributes();
                mainClass = attributes.getValue(Attributes.Name.MAIN_CLASS);
                if (attributes.getValue("Enable-Native-Access") != null) {
                    command.add("--enable-native-access=" + attributes.getValue("Enable-Native-Access").trim());
                }
                String opens = attributes.getValue("Add-Opens");
                if (opens != null) {
                    for (String pkg : opens.trim().split("\\s+")) {
                        command.add("--add-opens=" + pkg + "=ALL-UNNAMED");
                    }
                }
            }
            cp = jar.toString();
        }
        // the child exits by itself when this process goes away (see ParentWatch)
        command.add("-cp");
        command.add(cp + java.io.File.pathSeparator + ownCodeLocation());
        command.add(ParentWatch.class.getName());
        command.add(mainClass);
        command.addAll(args);
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(env);
        return new ChildJvm(name, builder.start(), logFile);
    }

    private static String ownCodeLocation() {
        try {
            return Path.of(ParentWatch.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate Backtrack's classes", e);
        }
    }

    /** Runs a short-lived child JVM to completion and returns its exit code. */
    public static int runToCompletion(List<String> jvmArgs, String classpath, String mainClass,
                                      List<String> args, Path logFile, Duration timeout)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        Files.createDirectories(logFile.getParent());
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IOException(mainClass + " did not finish within " + timeout.toSeconds() + " s (log: " + logFile + ")");
        }
        return p.exitValue();
    }

    /** Waits until something accepts TCP connections on host:port, or the child dies. */
    public void awaitPort(String host, int port, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with code " + process.exitValue() + " before it was ready; see " + logFile);
            }
            if (isListening(host, port)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException(name + " was not ready on " + host + ":" + port + " within " + timeout.toSeconds() + " s; see " + logFile);
    }

    public static boolean isListening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code once the child has exited; 143 means it stopped on SIGTERM. */
    public java.util.OptionalInt exitCode() {
        return process.isAlive() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(process.exitValue());
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** SIGTERM, wait up to 20 s for a clean shutdown (the broker flushes its logs), then SIGKILL. */
    public void stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Hard kill, for fault tests. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook runs anyway
        }
    }
}
