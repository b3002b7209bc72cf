package dev.backtrack.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sandbox child (broker, registry) must not outlive a parent that is killed without running its shutdown hooks. */
class ParentWatchTest {

    /** The parent: starts a sleeping child through ChildJvm (its work dir is args[0]), prints its pid, then waits to be killed. */
    public static final class Parent {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            ChildJvm child = ChildJvm.start("sleeper", dir, List.of("-Xmx32m"), System.getProperty("java.class.path"),
                    Sleeper.class.getName(), List.of(), Map.of(), dir.resolve("child.log"));
            System.out.println("child=" + child.pid());
            System.out.flush();
            Thread.sleep(Duration.ofMinutes(5));
        }
    }

    /** The child: would run for minutes unless its parent watch ends it. */
    public static final class Sleeper {
        public static void main(String[] args) throws Exception {
            Thread.sleep(Duration.ofMinutes(5));
        }
    }

    @Test
    void childExitsWhenItsParentIsKilled(@TempDir Path dir) throws Exception {
        Process parent = new ProcessBuilder(ChildJvm.javaExecutable().toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                Parent.class.getName(), dir.toString()).redirectErrorStream(true).start();
        long childPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("child="));
            assertThat(line).as("the parent reported its child").isNotNull();
            childPid = Long.parseLong(line.substring("child=".length()));
        }
        ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
        assertThat(child.isAlive()).isTrue();

        parent.destroyForcibly(); // SIGKILL: no shutdown hook runs in the parent
        parent.waitFor();

        await().atMost(Duration.ofSeconds(30)).until(() -> !child.isAlive());
    }
}
