package io.lisa4j.it;

import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.client.ClientOptions;
import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.SequentialReader;
import io.lisa4j.client.Session;
import io.lisa4j.protocol.fb.Opcode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** The multi-outstanding sequential reader returns the file's bytes, in band and on a donated descriptor. */
class SequentialReaderTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @CsvSource({"UNIX,false,65536,4", "TCP,false,100000,8", "UNIX,true,65536,4", "UNIX,false,1048576,1"})
    void readsTheWholeFile(InProcessServer.Transport transport, boolean donate, int chunk, int depth)
            throws IOException {
        try (InProcessServer server = InProcessServer.start(temp)) {
            byte[] content = new byte[2 * 1024 * 1024 + 12345];
            new Random(chunk).nextBytes(content);
            Files.write(server.exportDir.resolve("f"), content);
            try (Session s = Lisa4jClient.connect(URI.create(server.endpoint(transport)),
                    ClientOptions.DEFAULTS.withTls(server.clientTls()).withFdDonation(donate));
                    RemoteFile f = s.mount(InProcessServer.EXPORT).open("f", O_RDONLY)) {
                assertEquals(donate, f.donated());
                long preads = s.rpcCounter().count(Opcode.Pread);
                byte[] got;
                try (SequentialReader in = new SequentialReader(f, 0, chunk, depth)) {
                    got = in.readAllBytes();
                }
                assertArrayEquals(content, got);
                long sent = s.rpcCounter().count(Opcode.Pread) - preads;
                if (donate) {
                    assertEquals(0, sent);
                } else {
                    assertTrue(sent >= content.length / chunk, "one PREAD per chunk at least: " + sent);
                }
            }
        }
    }
}
