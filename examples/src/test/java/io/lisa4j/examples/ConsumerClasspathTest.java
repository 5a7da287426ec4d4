package io.lisa4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What README's "Use it from Java" tells a consumer who does not build with Maven: the one jar
 * client/target/lisa4j-client-VERSION-all.jar is the whole classpath, and native access is granted
 * with the JVM flag or the manifest entry of the application's executable jar, or the JDK warns.
 */
class ConsumerClasspathTest {
    private static final Path READ_HELLO = Path.of("src/main/java/io/lisa4j/examples/ReadHello.java");

    @TempDir
    static Path tmp;
    static DemoDaemon demo;
    static String expected;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = DemoDaemon.start(tmp);
        long ino = (long) Files.getAttribute(demo.export().resolve("hello.txt"), "unix:ino");
        expected = "hello.txt: 19 bytes, inode " + ino + "\nHello from lisa4j!\n";
    }

    @AfterAll
    static void stopDemo() throws Exception {
        demo.close();
    }

    @Test
    void theClientJarIsTheWholeClasspathAndTheFlagSilencesTheJdk() throws Exception {
        Result run = java("--enable-native-access=ALL-UNNAMED", "-cp", clientJar().toString(), READ_HELLO.toString(),
                "unix:" + demo.socket());
        assertEquals(new Result(0, expected, ""), run);
    }

    @Test
    void withoutTheFlagTheJdkWarnsAndNamesIt() throws Exception {
        Result run = java("-cp", clientJar().toString(), READ_HELLO.toString(), "unix:" + demo.socket());
        assertEquals(expected, run.out);
        assertTrue(run.err.contains("Use --enable-native-access=ALL-UNNAMED to avoid a warning"), run.err);
    }

    @Test
    void anExecutableJarGrantsNativeAccessInItsManifest() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("app"));
        Path classes = app.resolve("classes");
        Files.copy(clientJar(), app.resolve("lisa4j-client.jar"));
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "-cp", clientJar().toString(), READ_HELLO.toString()));
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, ReadHello.class.getName());
        main.put(Attributes.Name.CLASS_PATH, "lisa4j-client.jar");
        main.putValue("Enable-Native-Access", "ALL-UNNAMED");
        Path jar = app.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString()));
                Files.copy(f, (OutputStream) out);
                out.closeEntry();
            }
        }
        assertEquals(new Result(0, expected, ""), java("-jar", jar.toString(), "unix:" + demo.socket()));
    }

    private static Path clientJar() {
        return DemoDaemon.jar("lisa4j.clientJar");
    }

    private record Result(int status, String out, String err) {}

    private static Result java(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(DemoDaemon.java()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int status = p.waitFor();
        return new Result(status, Files.readString(out), Files.readString(err));
    }
}
