package io.lisa4j.server;

import static io.lisa4j.protocol.ProtocolConstants.O_NONBLOCK;
import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;
import static io.lisa4j.protocol.ProtocolConstants.O_WRONLY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.fb.PreadReply;
import io.lisa4j.protocol.fb.PwriteReply;
import io.lisa4j.server.TestServer.Transport;
import io.lisa4j.server.spi.ExportSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * FIFOs carry data (PROTOCOL.md §8.3.2, §8.3.3): PREAD and PWRITE are read(2) and write(2), the
 * offset ignored, with host processes (the kernel's own FIFO ends) on the other side. Handles
 * opened without O_NONBLOCK wait as Linux's blocking calls do, without holding the connection;
 * with O_NONBLOCK they answer what Linux answers.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FifoTest {
    @TempDir
    static Path dir;

    static Path root;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        HostExports.requireHostBackend();
        root = Files.createDirectories(dir.resolve("export"));
        server = TestServer.start(dir, List.of(ExportSpec.host("t", root.toString(), false)), Limits.DEFAULT);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void mkfifo(String name) throws Exception {
        assertEquals(0, new ProcessBuilder("mkfifo", root.resolve(name).toString()).start().waitFor());
    }

    private static RawClient connect() throws Exception {
        RawClient client = server.connect(Transport.UNIX);
        client.hello();
        return client;
    }

    private static RawReply open(RawClient client, int fsid, String name, int flags) throws Exception {
        return client.call(Opcode.Open, fsid, Bodies.open(0, name, flags, 0));
    }

    @Test
    void aBlockingReadWaitsForAHostWriterWhileTheConnectionServesOthers() throws Exception {
        mkfifo("in");
        try (RawClient client = connect(); RawClient other = connect()) {
            int fsid = client.mount("t");
            long handle = EndToEndTest.open(client, fsid, "in", O_RDONLY); // no writer: OPEN does not wait
            int readId = client.nextId();
            client.send(readId, Opcode.Pread, fsid, Bodies.pread(handle, 12_345, 100), null);

            // The read waits for a writer, but neither this connection nor another one waits with it.
            assertEquals(0, client.call(Opcode.Stat, fsid, Bodies.stat(0, "in", false)).status());
            int otherFsid = other.mount("t");
            assertEquals(0, other.call(Opcode.Stat, otherFsid, Bodies.stat(0, "in", false)).status());

            Process writer = new ProcessBuilder("sh", "-c", "printf hello > in").directory(root.toFile()).start();
            RawReply read = client.receive();
            assertEquals(readId, read.requestId());
            assertEquals(0, read.status());
            assertEquals("hello", new String(read.data(), StandardCharsets.UTF_8));
            assertFalse(PreadReply.getRootAsPreadReply(read.bodyBuffer()).eof());
            assertEquals(0, writer.waitFor());

            // The writer is gone: read(2) returns 0, end of file.
            RawReply end = client.call(Opcode.Pread, fsid, Bodies.pread(handle, 0, 100));
            assertEquals(0, end.status());
            assertEquals(0, end.data().length);
            assertTrue(PreadReply.getRootAsPreadReply(end.bodyBuffer()).eof());
            assertEquals(List.of(0), EndToEndTest.close(client, fsid, handle));
        }
    }

    @Test
    void aHostReaderGetsEveryByteOfABlockingWriteLargerThanThePipe() throws Exception {
        mkfifo("out");
        Path copy = dir.resolve("copy");
        Process reader = new ProcessBuilder("cat", "out").directory(root.toFile()).redirectOutput(copy.toFile())
                .start();
        try (RawClient client = connect()) {
            int fsid = client.mount("t");
            // OPEN does not wait for the reader (ENXIO until cat has opened its end).
            RawReply opened;
            do {
                opened = open(client, fsid, "out", O_WRONLY);
            } while (opened.status() == Errno.ENXIO.number());
            assertEquals(0, opened.status());
            long handle = io.lisa4j.protocol.fb.OpenReply.getRootAsOpenReply(opened.bodyBuffer()).handle();
            byte[] payload = new byte[300_000]; // several times the pipe's 64 KiB: the write must wait for cat
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) (i * 7 + i / 251);
            }
            RawReply written = client.call(Opcode.Pwrite, fsid, Bodies.pwrite(handle, 999), payload);
            assertEquals(0, written.status());
            assertEquals(payload.length, PwriteReply.getRootAsPwriteReply(written.bodyBuffer()).written());
            assertEquals(List.of(0), EndToEndTest.close(client, fsid, handle));
        } finally {
            assertTrue(reader.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(0, reader.exitValue());
        assertEquals(300_000, Files.size(copy));
    }

    @Test
    void nonBlockingHandlesAnswerAsLinux() throws Exception {
        mkfifo("nb");
        try (RawClient client = connect()) {
            int fsid = client.mount("t");
            assertEquals(Errno.ENXIO.number(), open(client, fsid, "nb", O_WRONLY | O_NONBLOCK).status(),
                    "write end without a reader");
            long r = EndToEndTest.open(client, fsid, "nb", O_RDONLY | O_NONBLOCK);
            RawReply noWriter = client.call(Opcode.Pread, fsid, Bodies.pread(r, 0, 10));
            assertEquals(0, noWriter.status(), "no writer: end of file, not EAGAIN");
            assertTrue(PreadReply.getRootAsPreadReply(noWriter.bodyBuffer()).eof());

            long w = EndToEndTest.open(client, fsid, "nb", O_WRONLY | O_NONBLOCK);
            assertEquals(Errno.EAGAIN.number(), client.call(Opcode.Pread, fsid, Bodies.pread(r, 0, 10)).status(),
                    "empty with a writer");

            byte[] big = new byte[1 << 20];
            for (int i = 0; i < big.length; i++) {
                big[i] = (byte) i;
            }
            RawReply filled = client.call(Opcode.Pwrite, fsid, Bodies.pwrite(w, 0), big);
            assertEquals(0, filled.status());
            int fit = (int) PwriteReply.getRootAsPwriteReply(filled.bodyBuffer()).written();
            assertTrue(fit > 0 && fit < big.length, "a short write up to the pipe's capacity: " + fit);
            assertEquals(Errno.EAGAIN.number(),
                    client.call(Opcode.Pwrite, fsid, Bodies.pwrite(w, 0), new byte[] {1}).status(), "full");

            RawReply back = client.call(Opcode.Pread, fsid, Bodies.pread(r, 777, 1 << 20));
            assertEquals(0, back.status());
            assertArrayEquals(java.util.Arrays.copyOf(big, fit), back.data());
            assertEquals(List.of(0, 0), EndToEndTest.close(client, fsid, r, w));
        }
    }

    @Test
    void aDrainingShutdownEndsAWaitingReadOnceItsTimeoutHasPassed() throws Exception {
        mkfifo("drain");
        Path own = Files.createDirectories(dir.resolve("own"));
        TestServer stopping = TestServer.start(own, List.of(ExportSpec.host("t", root.toString(), false)),
                Limits.DEFAULT);
        try (RawClient client = stopping.connect(Transport.UNIX)) {
            client.hello();
            int fsid = client.mount("t");
            long handle = EndToEndTest.open(client, fsid, "drain", O_RDONLY);
            client.send(client.nextId(), Opcode.Pread, fsid, Bodies.pread(handle, 0, 10), null);
            assertEquals(0, client.call(Opcode.Stat, fsid, Bodies.stat(0, "drain", false)).status());
            // The waiting read counts as in flight: the drain waits for it, then closes the connection.
            stopping.server.shutdown(java.time.Duration.ofMillis(200));
            assertTrue(client.closedByServer());
        } finally {
            stopping.close();
        }
    }

    @Test
    void closingTheHandleOrTheConnectionEndsAWaitingRead() throws Exception {
        mkfifo("idle");
        try (RawClient client = connect()) {
            int fsid = client.mount("t");
            long handle = EndToEndTest.open(client, fsid, "idle", O_RDONLY);
            int readId = client.nextId();
            client.send(readId, Opcode.Pread, fsid, Bodies.pread(handle, 0, 10), null);
            int closeId = client.nextId();
            client.send(closeId, Opcode.Close, fsid, Bodies.close(handle), null);
            Map<Integer, RawReply> replies = new HashMap<>();
            for (int i = 0; i < 2; i++) {
                RawReply reply = client.receive();
                replies.put(reply.requestId(), reply);
            }
            assertEquals(Errno.EBADF.number(), replies.get(readId).status());
            assertEquals(0, replies.get(closeId).status());
        }
        try (RawClient client = connect()) {
            int fsid = client.mount("t");
            long handle = EndToEndTest.open(client, fsid, "idle", O_RDONLY);
            client.send(client.nextId(), Opcode.Pread, fsid, Bodies.pread(handle, 0, 10), null);
            assertEquals(0, client.call(Opcode.Stat, fsid, Bodies.stat(0, "idle", false)).status());
        } // FdBaseline: the disconnect releases the waiting read's descriptor
    }
}
