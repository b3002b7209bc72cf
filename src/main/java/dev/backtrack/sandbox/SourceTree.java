package dev.backtrack.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the Backtrack source tree (the sandbox is a source-tree feature: it needs the broker jars and the registry distribution that the build fetches). */
public final class SourceTree {
    public static final String HOME_PROPERTY = "backtrack.home";

    private SourceTree() {
    }

    public static Path root() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null) {
            return Path.of(home);
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("src/main/java/dev/backtrack"))) {
                return p;
            }
        }
        return dir;
    }
}
