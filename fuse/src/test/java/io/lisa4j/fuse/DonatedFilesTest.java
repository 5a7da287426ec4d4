package io.lisa4j.fuse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.client.RpcCounter;
import io.lisa4j.protocol.fb.Opcode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads and writes through the mount of a file whose host descriptor the server donated are the
 * mount's own pread and pwrite: the server sees no PREAD or PWRITE. With --no-fd-donation the same
 * workload does send them, which shows the workload reaches the FUSE read and write operations.
 */
class DonatedFilesTest {
    @TempDir
    Path tmp;

    private record Sent(long opens, long preads, long pwrites) {
    }

    @Test
    void readsAndWritesOfDonatedFilesSendNoData() throws IOException {
        Sent sent = workload(tmp.resolve("donated"), MountOptions.DEFAULTS);
        assertTrue(sent.opens() >= 3, sent.toString());
        assertEquals(0, sent.preads(), sent.toString());
        assertEquals(0, sent.pwrites(), sent.toString());
    }

    @Test
    void withoutDonationTheSameWorkloadSendsData() throws IOException {
        Sent sent = workload(tmp.resolve("in-band"), MountOptions.DEFAULTS.withFdDonation(false));
        assertTrue(sent.preads() > 0, sent.toString());
        assertTrue(sent.pwrites() > 0, sent.toString());
    }

    /**
     * Writes a file of a few MiB at random offsets through the mount, appends to it, reads it back
     * and checks it against the bytes written and the exported file; returns what the mount sent.
     */
    private static Sent workload(Path dir, MountOptions options) throws IOException {
        try (MountedExport m = MountedExport.start(dir, options)) {
            RpcCounter counter = m.mount.rpcCounter();
            long opens = counter.count(Opcode.Open);
            long preads = counter.count(Opcode.Pread);
            long pwrites = counter.count(Opcode.Pwrite);

            byte[] expected = new byte[3 << 20];
            Random random = new Random(0xd0a7eL);
            random.nextBytes(expected);
            Path file = m.mountpoint.resolve("blob");
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                for (int chunk = 0; chunk < 24; chunk++) {
                    int at = (chunk * 7 % 24) * (expected.length / 24);
                    ch.write(ByteBuffer.wrap(expected, at, expected.length / 24), at);
                }
            }
            byte[] tail = "appended".getBytes();
            Files.write(file, tail, StandardOpenOption.APPEND);
            byte[] whole = new byte[expected.length + tail.length];
            System.arraycopy(expected, 0, whole, 0, expected.length);
            System.arraycopy(tail, 0, whole, expected.length, tail.length);

            assertArrayEquals(whole, Files.readAllBytes(file));
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer part = ByteBuffer.allocate(100_000);
                assertEquals(part.capacity(), ch.read(part, 1_234_567));
                assertArrayEquals(Arrays.copyOfRange(whole, 1_234_567, 1_334_567), part.array());
            }
            assertArrayEquals(whole, Files.readAllBytes(m.exported.resolve("blob")));
            return new Sent(counter.count(Opcode.Open) - opens, counter.count(Opcode.Pread) - preads,
                    counter.count(Opcode.Pwrite) - pwrites);
        }
    }
}
