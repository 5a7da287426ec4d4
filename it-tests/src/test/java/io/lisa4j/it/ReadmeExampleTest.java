package io.lisa4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.ReadResult;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.Session;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.LisaServer;
import io.lisa4j.server.ServerConfig;
import io.lisa4j.server.spi.ExportSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java example, run as written against a real server, and the README checked to still show it. */
class ReadmeExampleTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCE = Path.of("src/test/java/io/lisa4j/it/ReadmeExampleTest.java");

    @Test
    void exampleRunsAgainstADemoExport(@TempDir Path dir) throws Exception {
        Path export = Files.createDirectories(dir.resolve("export"));
        Files.writeString(export.resolve("hello.txt"), "Hello from lisa4j!\n");
        Path socketFile = dir.resolve("lisa4j.sock");
        ServerConfig config = ServerConfig.of(List.of(new ListenAddress.Unix(socketFile)),
                List.of(ExportSpec.host("demo", export.toString(), false)));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        try (LisaServer server = LisaServer.start(config)) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            String socket = "unix:" + socketFile;
            // README-EXAMPLE-BEGIN
            try (Session session = Lisa4jClient.connect(socket)) {
                RemoteFs fs = session.mount("demo");
                FileAttr attr = fs.stat("hello.txt");
                System.out.println("hello.txt: " + attr.size() + " bytes, inode " + attr.ino());
                try (RemoteFile file = fs.open("hello.txt", ProtocolConstants.O_RDONLY)) {
                    ReadResult read = file.pread(0, 4096);
                    System.out.print(new String(read.data(), StandardCharsets.UTF_8));
                }
            }
            // README-EXAMPLE-END
        } finally {
            System.setOut(stdout);
        }
        long ino = (long) Files.getAttribute(export.resolve("hello.txt"), "unix:ino");
        assertEquals("hello.txt: 19 bytes, inode " + ino + "\nHello from lisa4j!\n",
                captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void readmeShowsTheExampleThatRuns() throws Exception {
        String readme = Files.readString(README);
        int start = readme.indexOf("```java\n");
        assertTrue(start >= 0, "README has a java example");
        String block = readme.substring(start + 8, readme.indexOf("```", start + 8));
        List<String> readmeLines = block.lines().skip(1).map(String::strip).toList();

        String source = Files.readString(SOURCE);
        String region = source.substring(source.indexOf("// README-EXAMPLE-BEGIN\n") + 24,
                source.indexOf("            // README-EXAMPLE-END"));
        String expected = region.lines().map(String::strip).collect(Collectors.joining("\n"));
        assertEquals(expected, String.join("\n", readmeLines));
    }
}
