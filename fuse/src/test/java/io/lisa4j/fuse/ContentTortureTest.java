package io.lisa4j.fuse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random writes, reads and truncates at random offsets and sizes, applied to a file in the
 * mount and to a local copy; both must hold the same bytes after every step.
 */
class ContentTortureTest {
    private static final long SEED = 0x115a4L;
    private static final int OPS = 400;
    private static final int MAX_SIZE = 3 << 20;

    @TempDir
    Path tmp;

    MountedExport m;

    @BeforeEach
    void mount() throws IOException {
        m = MountedExport.start(tmp);
    }

    @AfterEach
    void unmount() throws IOException {
        if (m != null) {
            m.close();
        }
    }

    @Test
    void randomOperationsLeaveTheSameBytes() throws IOException {
        Random r = new Random(SEED);
        Path local = tmp.resolve("local.bin");
        Path remote = m.mountpoint.resolve("torture.bin");
        try (FileChannel a = open(local); FileChannel b = open(remote)) {
            for (int i = 0; i < OPS; i++) {
                int op = r.nextInt(10);
                String step = "step " + i;
                if (op < 5) {
                    byte[] data = new byte[size(r)];
                    r.nextBytes(data);
                    long at = r.nextInt(MAX_SIZE);
                    assertEquals(a.write(ByteBuffer.wrap(data), at), b.write(ByteBuffer.wrap(data), at), step);
                } else if (op < 8) {
                    int n = size(r);
                    long at = r.nextInt((int) Math.max(1, a.size() + 1000));
                    ByteBuffer x = ByteBuffer.allocate(n);
                    ByteBuffer y = ByteBuffer.allocate(n);
                    assertEquals(readFully(a, x, at), readFully(b, y, at), step);
                    assertArrayEquals(x.array(), y.array(), step);
                } else {
                    long to = r.nextInt(MAX_SIZE);
                    a.truncate(to);
                    b.truncate(to);
                }
                assertEquals(a.size(), b.size(), step);
            }
            b.force(true);
        }
        assertArrayEquals(Files.readAllBytes(local), Files.readAllBytes(remote));
        assertArrayEquals(Files.readAllBytes(local), Files.readAllBytes(m.exported.resolve("torture.bin")));
    }

    /** Mostly small, sometimes over a page, now and then larger than one FUSE request. */
    private static int size(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> 1 + r.nextInt(16);
            case 1 -> 1 + r.nextInt(8192);
            case 2 -> 1 + r.nextInt(200_000);
            default -> 1 + r.nextInt(1_000);
        };
    }

    private static FileChannel open(Path p) throws IOException {
        return FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static int readFully(FileChannel c, ByteBuffer dst, long at) throws IOException {
        int total = 0;
        while (dst.hasRemaining()) {
            int n = c.read(dst, at + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
