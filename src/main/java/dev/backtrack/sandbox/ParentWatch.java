package dev.backtrack.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of the sandbox's child JVMs (broker, registry): starts the real main class and exits when the
 * parent goes away. The parent holds the write end of this process's stdin; when the parent ends in any way
 * (Ctrl-C, window closed, killed, display lost), the pipe closes, stdin reads end-of-file, and this JVM exits
 * normally, so the broker's own shutdown hook still runs. No orphan survives its parent.
 * Usage: java -cp ... dev.backtrack.sandbox.ParentWatch MAIN_CLASS [ARGS...]
 */
public final class ParentWatch {
    private ParentWatch() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ParentWatch MAIN_CLASS [ARGS...]");
        }
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // the parent never writes; anything read is ignored
                }
            } catch (IOException e) {
                // a broken pipe means the same as end-of-file: the parent is gone
            }
            System.exit(0);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
        Class<?> main = Class.forName(args[0]);
        Method entry = main.getMethod("main", String[].class);
        entry.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }
}
