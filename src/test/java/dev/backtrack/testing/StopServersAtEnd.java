package dev.backtrack.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Stops the shared test servers once, when the whole test run ends. */
public final class StopServersAtEnd implements LauncherSessionListener {
    @Override
    public void launcherSessionClosed(LauncherSession session) {
        TestServers.stopAll();
    }
}
