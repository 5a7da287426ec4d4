package io.lisa4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java example of the README, run as written against the demo daemon, and the README checked
 * to show exactly these sources (without their package line): each ```java block is one class of
 * src/main/java, and each class there is in the README.
 */
class ReadmeExamplesTest {
    private static final Path README = Path.of(System.getProperty("lisa4j.top", ".."), "README.md");
    private static final Path SOURCES = Path.of("src/main/java/io/lisa4j/examples");

    @TempDir
    static Path tmp;
    static DemoDaemon demo;

    @BeforeAll
    static void startDemo() throws Exception {
        demo = DemoDaemon.start(tmp);
    }

    @AfterAll
    static void stopDemo() throws Exception {
        demo.close();
    }

    @Test
    void readHelloPrintsTheSizeInodeAndContentOfHelloTxt() throws Exception {
        String out = stdoutOf(() -> ReadHello.main(new String[] {"unix:" + demo.socket()}));
        long ino = (long) Files.getAttribute(demo.export().resolve("hello.txt"), "unix:ino");
        assertEquals("hello.txt: 19 bytes, inode " + ino + "\nHello from lisa4j!\n", out);
    }

    @Test
    void walkExportWritesNotesHelloTxtAndListsTheExportEveryTime() throws Exception {
        for (int run = 0; run < 2; run++) {
            String out = stdoutOf(() -> WalkExport.main(new String[] {demo.socket().toString()}));
            assertEquals(List.of("/", "/README", "/docs", "/docs/notes.txt", "/hello.txt", "/notes", "/notes/hello.txt"),
                    out.lines().toList());
            assertEquals("hi", Files.readString(demo.export().resolve("notes/hello.txt")));
        }
    }

    @Test
    void theReadmeShowsEveryExampleAsItCompiles() throws Exception {
        List<String> blocks = javaBlocks(Files.readString(README));
        Set<String> sources = new TreeSet<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path source : files.sorted().toList()) {
                String withoutPackage = Files.readString(source).replaceFirst("(?s)^package [^;]+;\n\n", "");
                assertTrue(blocks.contains(withoutPackage),
                        "README.md shows " + source.getFileName() + " as it is:\n" + withoutPackage);
                sources.add(withoutPackage);
            }
        }
        for (String block : blocks) {
            assertTrue(sources.contains(block), "this ```java block of README.md is not a class in " + SOURCES
                    + " (add it there, without its package line, so that it is compiled and run):\n" + block);
        }
    }

    private static List<String> javaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("(?s)```java\n(.*?)```").matcher(markdown);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    @FunctionalInterface
    interface Example {
        void run() throws Exception;
    }

    private static String stdoutOf(Example example) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            example.run();
        } finally {
            System.setOut(stdout);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
