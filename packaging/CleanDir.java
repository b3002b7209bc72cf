import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes a directory tree (jlink and jpackage refuse to overwrite their output). Run as: java CleanDir.java DIR */
public class CleanDir {
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
