import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Removes other platforms' native libraries from the jars of a package (zstd-jni, snappy-java, lz4-java, JNA
 * ship natives for ~20 OS/CPU pairs). Keeps the natives of the OS and CPU given, and anything it cannot
 * attribute. Run as: java TrimNatives.java DIR linux x86_64
 */
public class TrimNatives {
    private static final List<String> NATIVE_SUFFIXES = List.of(".so", ".dll", ".dylib", ".jnilib", ".a", ".sym");
    private static final List<String> OS_TOKENS = List.of("linux", "darwin", "mac", "osx", "win", "windows", "freebsd", "sunos", "aix", "openbsd", "android", "dragonfly");
    private static final List<String> ARCH_TOKENS = List.of("aarch64", "arm64", "arm", "armv7", "ppc64", "ppc64le", "ppc", "s390x", "riscv64", "loongarch64", "mips64", "mips64el", "i386", "x86/", "x86_32", "sparcv9", "amd64", "x86_64", "x86-64");

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        String os = args[1].toLowerCase(Locale.ROOT);
        List<String> ourArch = switch (args[2].toLowerCase(Locale.ROOT)) {
            case "x86_64", "amd64" -> List.of("amd64", "x86_64", "x86-64");
            case "aarch64", "arm64" -> List.of("aarch64", "arm64");
            default -> List.of(args[2].toLowerCase(Locale.ROOT));
        };
        long before = 0;
        long after = 0;
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path jar : jars) {
                before += Files.size(jar);
                trim(jar, os, ourArch);
                after += Files.size(jar);
            }
        }
        System.out.printf("trim-natives: %,d -> %,d bytes of jars%n", before, after);
    }

    private static void trim(Path jar, String os, List<String> ourArch) throws IOException {
        Path tmp = jar.resolveSibling(jar.getFileName() + ".tmp");
        int dropped = 0;
        try (ZipFile zip = new ZipFile(jar.toFile()); OutputStream out = Files.newOutputStream(tmp); ZipOutputStream z = new ZipOutputStream(out)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (isForeignNative(e.getName().toLowerCase(Locale.ROOT), os, ourArch)) {
                    dropped++;
                    continue;
                }
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(e.getTime());
                z.putNextEntry(copy);
                try (InputStream in = zip.getInputStream(e)) {
                    in.transferTo(z);
                }
                z.closeEntry();
            }
        }
        if (dropped == 0) {
            Files.delete(tmp);
        } else {
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static boolean isForeignNative(String name, String os, List<String> ourArch) {
        if (NATIVE_SUFFIXES.stream().noneMatch(name::endsWith)) {
            return false;
        }
        String osToken = OS_TOKENS.stream().filter(name::contains).findFirst().orElse(null);
        if (osToken == null) {
            return false;
        }
        boolean ourOs = switch (os) {
            case "linux" -> name.contains("linux");
            case "mac", "macos", "darwin" -> name.contains("darwin") || name.contains("mac") || name.contains("osx");
            default -> name.contains("win");
        };
        if (!ourOs) {
            return true;
        }
        boolean mentionsOurArch = ourArch.stream().anyMatch(name::contains);
        boolean mentionsOtherArch = ARCH_TOKENS.stream().filter(a -> !ourArch.contains(a)).anyMatch(name::contains);
        return mentionsOtherArch && !mentionsOurArch;
    }
}
