package io.lisa4j.it.nio;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lisa4j.client.RpcCounter;
import io.lisa4j.client.nio.Lisa4jFileSystemProvider;
import io.lisa4j.it.InProcessServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A channel of a {@code lisa4j+unix} file system on a donated descriptor (PROTOCOL.md §3.3, the
 * default there) sees the same bytes as one without donation, and after its OPEN its reads, writes
 * and size send no RPC.
 */
class DonatedChannelTest {
    @TempDir
    Path temp;

    private InProcessServer server;

    @BeforeEach
    void start() throws IOException {
        server = InProcessServer.start(temp);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private FileSystem fileSystem(boolean donation) throws IOException {
        return FileSystems.newFileSystem(Lisa4jNio.uri(server, InProcessServer.Transport.UNIX),
                Map.of("maxMessageSize", Lisa4jNio.MAX_MESSAGE, Lisa4jFileSystemProvider.FD_DONATION, donation));
    }

    @Test
    void sameBytesAsWithoutDonationAndNoRpcAfterOpen() throws IOException {
        List<String> inBand;
        byte[] inBandContent;
        try (FileSystem fs = fileSystem(false)) {
            inBand = script(fs.getPath("/in-band"), null);
            inBandContent = Files.readAllBytes(fs.getPath("/in-band"));
        }
        try (FileSystem fs = fileSystem(true)) {
            RpcCounter counter = Lisa4jFileSystemProvider.session(fs).rpcCounter();
            assertEquals(inBand, script(fs.getPath("/donated"), counter));
            assertArrayEquals(inBandContent, Files.readAllBytes(fs.getPath("/donated")));
        }
        assertArrayEquals(inBandContent, Files.readAllBytes(server.exportDir.resolve("donated")));
    }

    @Test
    void tcpAsksForNoDonation() throws IOException {
        try (FileSystem fs = FileSystems.newFileSystem(Lisa4jNio.uri(server, InProcessServer.Transport.TCP),
                Map.of("tls.ca", server.clientTls().caCert().toString(),
                        "tls.cert", server.clientTls().cert().toString(),
                        "tls.key", server.clientTls().key().toString(),
                        Lisa4jFileSystemProvider.FD_DONATION, true))) {
            RpcCounter counter = Lisa4jFileSystemProvider.session(fs).rpcCounter();
            Path f = Files.write(fs.getPath("/tcp"), new byte[] {1, 2, 3});
            long before = counter.total();
            try (FileChannel ch = FileChannel.open(f, READ)) {
                assertEquals(3, ch.size());
            }
            assertEquals(3, counter.total() - before, "OPEN, FSTAT, CLOSE");
        }
    }

    private interface Op<T> {
        T run() throws IOException;
    }

    /** Runs {@code op}; with a counter, checks that it sent no RPC. */
    private static <T> T local(RpcCounter counter, Op<T> op) throws IOException {
        long before = counter == null ? 0 : counter.total();
        T result = op.run();
        if (counter != null) {
            assertEquals(before, counter.total(), "RPCs sent by a read, write or size on a donated descriptor");
        }
        return result;
    }

    /**
     * Random positional and relative reads and writes (heap and direct buffers, several frames
     * long), size, truncate and an APPEND channel on {@code file}; returns what each step saw.
     */
    private static List<String> script(Path file, RpcCounter counter) throws IOException {
        Random random = new Random(8);
        List<String> seen = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, CREATE, READ, WRITE)) {
            for (int step = 0; step < 60; step++) {
                int op = random.nextInt(6);
                long at = random.nextInt(300_000);
                int length = 1 + random.nextInt(3 * Lisa4jNio.MAX_MESSAGE);
                ByteBuffer buffer = random.nextBoolean() ? ByteBuffer.allocate(length) : ByteBuffer.allocateDirect(length);
                switch (op) {
                    case 0, 1 -> {
                        byte[] data = new byte[length];
                        random.nextBytes(data);
                        buffer.put(data).flip();
                        int n = op == 0 ? local(counter, () -> ch.write(buffer, at))
                                : local(counter, () -> ch.position(at).write(buffer));
                        seen.add("write " + n + " at " + at);
                    }
                    case 2, 3 -> {
                        // a read may be short (in band, one frame): read until full or at end of file
                        ch.position(at);
                        int n = 0;
                        for (int r = 0; r >= 0 && buffer.hasRemaining(); n += Math.max(r, 0)) {
                            r = op == 2 ? local(counter, () -> ch.read(buffer, at + buffer.position()))
                                    : local(counter, () -> ch.read(buffer));
                        }
                        seen.add("read " + n + " at " + at + " position " + ch.position() + " crc " + crc(buffer.flip()));
                    }
                    case 4 -> seen.add("size " + local(counter, ch::size) + " position " + ch.position());
                    default -> {
                        if (random.nextInt(4) == 0) {
                            ch.truncate(at);
                            seen.add("truncate " + at + " size " + local(counter, ch::size));
                        }
                    }
                }
            }
        }
        try (FileChannel ch = FileChannel.open(file, WRITE, APPEND)) {
            for (int i = 0; i < 3; i++) {
                ByteBuffer data = ByteBuffer.wrap(("appended " + i).getBytes());
                seen.add("append " + local(counter, () -> ch.write(data)) + " position " + ch.position()
                        + " size " + local(counter, ch::size));
            }
        }
        return seen;
    }

    private static long crc(ByteBuffer data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }
}
