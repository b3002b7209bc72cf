import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites classes older than Java 6 (class file major version below 50) in the jars of a package as Java 8
 * classes with stack maps, code unchanged. Why: the JDK's ahead-of-time cache skips such "old" classes ("Old class
 * has been linked"), and picocli ships Java 5 class files, so every CLI start loaded, verified (with the slow
 * type-inferencing verifier) and interpreted ~200 picocli classes that the cache could have held ready.
 * A jar whose classes cannot all be rewritten is left as it was. Run as: java UpgradeOldClasses.java DIR
 */
public class UpgradeOldClasses {
    private static final int OLDEST_CACHED = 50;
    private static final int TARGET = ClassFile.JAVA_8_VERSION;

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.jar")) {
            stream.forEach(jars::add);
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = jars.get(i).toUri().toURL();
        }
        // stack maps need each referenced class's supertypes: the JDK's own, else those in the package's jars
        try (URLClassLoader packageClasses = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            ClassFile classFile = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                            .orElse(ClassHierarchyResolver.ofResourceParsing(packageClasses)).cached()));
            for (Path jar : jars) {
                upgrade(jar, classFile);
            }
        }
    }

    private static void upgrade(Path jar, ClassFile classFile) throws IOException {
        Path out = jar.resolveSibling(jar.getFileName() + ".upgraded");
        int upgraded = 0;
        String failure = null;
        try (ZipFile zip = new ZipFile(jar.toFile()); OutputStream file = Files.newOutputStream(out);
             ZipOutputStream zipOut = new ZipOutputStream(file)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/") && majorVersion(bytes) < OLDEST_CACHED) {
                    try {
                        bytes = rewrite(classFile, bytes);
                        upgraded++;
                    } catch (RuntimeException e) {
                        failure = entry.getName() + ": " + e.getMessage();
                        break;
                    }
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                zipOut.putNextEntry(copy);
                zipOut.write(bytes);
                zipOut.closeEntry();
            }
        }
        if (failure != null || upgraded == 0) {
            Files.delete(out);
            if (failure != null) {
                System.err.println("UpgradeOldClasses: " + jar.getFileName() + " left as it was: " + failure);
            }
            return;
        }
        Files.move(out, jar, StandardCopyOption.REPLACE_EXISTING);
        System.err.println("UpgradeOldClasses: " + jar.getFileName() + ": " + upgraded + " classes now Java 8 class files");
    }

    private static byte[] rewrite(ClassFile classFile, byte[] bytes) {
        ClassModel model = classFile.parse(bytes);
        // every method body goes through a code builder, which writes the stack maps a Java 8 class must have
        ClassTransform upgrade = (builder, element) -> {
            if (element instanceof ClassFileVersion) {
                builder.withVersion(TARGET, 0);
            } else {
                builder.with(element);
            }
        };
        byte[] rewritten = classFile.transformClass(model, upgrade.andThen(ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)));
        classFile.verify(rewritten).stream().findFirst().ifPresent(error -> {
            throw new IllegalStateException("does not verify as rewritten: " + error.getMessage());
        });
        return rewritten;
    }

    private static int majorVersion(byte[] classBytes) {
        return classBytes.length < 8 ? Integer.MAX_VALUE : ((classBytes[6] & 0xff) << 8) | (classBytes[7] & 0xff);
    }
}
