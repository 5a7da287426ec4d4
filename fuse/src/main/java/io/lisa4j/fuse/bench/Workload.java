package io.lisa4j.fuse.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Random;

/** The benchmark's operations on one directory, each timed after an untimed warm-up round. */
final class Workload {
    static final int FILES = 500;
    static final int SMALL_SIZE = 4096;
    static final int STATS = 20_000;
    static final int CHUNK = 1 << 20;
    static final int BIG_CHUNKS = 64;

    /** One result: the figure and its unit. */
    record Figure(double value, String unit) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%,.1f %s", value, unit);
        }
    }

    private final Path dir;

    Workload(Path dir) {
        this.dir = dir;
    }

    void prepare() throws IOException {
        Path small = Files.createDirectories(dir.resolve("small"));
        byte[] data = new byte[SMALL_SIZE];
        new Random(1).nextBytes(data);
        for (int i = 0; i < FILES; i++) {
            Files.write(small.resolve("f" + i), data);
        }
    }

    /** lstat of existing files, round robin: microseconds per call. */
    Figure statStorm() throws IOException {
        statRound(FILES);
        long t = System.nanoTime();
        statRound(STATS);
        return new Figure((System.nanoTime() - t) / 1e3 / STATS, "µs/stat");
    }

    private void statRound(int n) throws IOException {
        Path small = dir.resolve("small");
        for (int i = 0; i < n; i++) {
            Files.readAttributes(small.resolve("f" + (i % FILES)), PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** open, read 4 KiB, close for every small file: files per second. */
    Figure smallFileRead() throws IOException {
        smallRound();
        long t = System.nanoTime();
        int rounds = 3;
        for (int r = 0; r < rounds; r++) {
            smallRound();
        }
        return new Figure(rounds * FILES / ((System.nanoTime() - t) / 1e9), "files/s");
    }

    private void smallRound() throws IOException {
        Path small = dir.resolve("small");
        for (int i = 0; i < FILES; i++) {
            if (Files.readAllBytes(small.resolve("f" + i)).length != SMALL_SIZE) {
                throw new IOException("short read of f" + i);
            }
        }
    }

    /** 64 MiB written in 1 MiB writes, then fsync: MiB per second. */
    Figure sequentialWrite() throws IOException {
        writeBig("warm.bin");
        long t = System.nanoTime();
        writeBig("big.bin");
        return new Figure(BIG_CHUNKS / ((System.nanoTime() - t) / 1e9), "MiB/s");
    }

    private void writeBig(String name) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
        try (FileChannel c = FileChannel.open(dir.resolve(name), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < BIG_CHUNKS; i++) {
                chunk.clear();
                while (chunk.hasRemaining()) {
                    c.write(chunk);
                }
            }
            c.force(true);
        }
    }

    /** The 64 MiB file read back in 1 MiB reads: MiB per second. */
    Figure sequentialRead() throws IOException {
        readBig();
        long t = System.nanoTime();
        readBig();
        return new Figure(BIG_CHUNKS / ((System.nanoTime() - t) / 1e9), "MiB/s");
    }

    private void readBig() throws IOException {
        ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
        try (FileChannel c = FileChannel.open(dir.resolve("big.bin"), StandardOpenOption.READ)) {
            while (true) {
                chunk.clear();
                if (c.read(chunk) < 0) {
                    break;
                }
            }
        }
    }
}
