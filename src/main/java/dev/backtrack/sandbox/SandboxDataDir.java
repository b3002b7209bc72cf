package dev.backtrack.sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The sandbox's data dir: broker storage, logs, and the demo manifest. A marker file identifies it as
 * ours, so {@code --fresh} never wipes a directory the user pointed at by mistake, and a lock keeps two
 * sandboxes off the same storage.
 */
final class SandboxDataDir implements AutoCloseable {
    static final String MARKER = ".backtrack-sandbox";
    static final String MANIFEST = "demo-manifest.json";

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private SandboxDataDir(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static SandboxDataDir open(Path dir, boolean fresh) throws IOException, SandboxException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new SandboxException(dir + " is a file, not a directory; choose another with --data");
        }
        if (Files.isDirectory(dir) && !isEmpty(dir) && !Files.exists(dir.resolve(MARKER))) {
            throw new SandboxException(dir + " is not empty and is not a Backtrack sandbox directory; choose another with --data");
        }
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(dir.resolve("sandbox.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new SandboxException("another sandbox is already running with the data dir " + dir);
        }
        SandboxDataDir data = new SandboxDataDir(dir, channel, lock);
        if (fresh) {
            data.wipe();
        }
        Files.writeString(dir.resolve(MARKER), "Backtrack sandbox data: Kafka storage, logs and the demo manifest.\n");
        return data;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Deletes everything except the lock file we hold. */
    private void wipe() throws IOException {
        try (Stream<Path> entries = Files.walk(dir)) {
            for (Path p : entries.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir) && !p.getFileName().toString().equals("sandbox.lock")) {
                    Files.delete(p);
                }
            }
        }
    }

    Path dir() {
        return dir;
    }

    Path manifestFile() {
        return dir.resolve(MANIFEST);
    }

    Path log(String name) {
        return dir.resolve("logs").resolve(name);
    }

    @Override
    public void close() throws IOException {
        if (lock.isValid()) {
            lock.release();
        }
        lockChannel.close();
    }
}
