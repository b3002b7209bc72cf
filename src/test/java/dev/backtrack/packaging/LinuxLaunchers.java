package dev.backtrack.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Replaces the Linux app image's native launchers (bin/NAME) with POSIX shell scripts that start the bundled
 * runtime with exactly what lib/app/NAME.cfg says: the Java options, the class path and the main class.
 * jpackage's native launcher asks rpm and then dpkg which package owns it, twice, at every start (to find
 * its libapplauncher.so). On a 780-package Debian that made {@code backtrack-cli --version} take 0.74-0.94 s
 * instead of 0.59-0.71 s and the desktop window appear in 1.70 s instead of 1.55 s, and dpkg's answer slows
 * with every installed package. The scripts ask nobody, so libapplauncher.so goes.
 * Run at packaging (Linux) with the test class path; argument: the app image directory.
 */
public final class LinuxLaunchers {
    private LinuxLaunchers() {
    }

    public static void main(String[] args) throws IOException {
        Path image = Path.of(args[0]);
        Path appDir = image.resolve("lib/app");
        List<Path> launchers;
        try (var files = Files.list(image.resolve("bin"))) {
            launchers = files.sorted().toList();
        }
        for (Path launcher : launchers) {
            String name = launcher.getFileName().toString();
            Files.writeString(launcher, script(name, LauncherConfig.read(appDir.resolve(name + ".cfg"))));
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
            System.err.println("linux-launchers: " + launcher + " is a script now");
        }
        Files.deleteIfExists(image.resolve("lib/libapplauncher.so"));
    }

    /** The script that starts the bundled runtime with what {@code config} says, {@code $APPDIR} being the launcher's lib/app. */
    static String script(String name, LauncherConfig config) {
        StringBuilder out = new StringBuilder();
        out.append("#!/bin/sh\n");
        out.append("# Backtrack's ").append(name).append(" launcher, written at packaging from lib/app/").append(name)
                .append(".cfg (LinuxLaunchers).\n");
        out.append("root=$(dirname \"$(dirname \"$(readlink -f \"$0\")\")\")\n");
        out.append("APPDIR=\"$root/lib/app\"\n");
        out.append("exec \"$root/lib/runtime/bin/java\"");
        for (String option : config.javaOptions()) {
            out.append(" \\\n  ").append(quote(option));
        }
        out.append(" \\\n  -cp ").append(quote(String.join(":", config.classpath())));
        out.append(" \\\n  ").append(quote(config.mainClass())).append(" \"$@\"\n");
        return out.toString();
    }

    /** Double-quoted for sh, with $APPDIR (the launcher's own variable) expanded and everything else literal. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (value.startsWith("$APPDIR", i)) {
                out.append("$APPDIR");
                i += "$APPDIR".length() - 1;
            } else {
                if (c == '"' || c == '\\' || c == '$' || c == '`') {
                    out.append('\\');
                }
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
