package dev.backtrack;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version from the pom, filtered into {@code backtrack-version.properties} at build time. */
public final class BacktrackVersion {
    private static final String VERSION = load();

    private BacktrackVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = BacktrackVersion.class.getResourceAsStream("/dev/backtrack/backtrack-version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
