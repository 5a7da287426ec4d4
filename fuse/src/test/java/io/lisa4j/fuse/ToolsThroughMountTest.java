package io.lisa4j.fuse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ordinary programs (coreutils, tar, git) working through the real kernel mount. */
class ToolsThroughMountTest {
    @TempDir
    Path tmp;

    MountedExport m;
    Path mnt;

    @BeforeEach
    void mount() throws IOException {
        m = MountedExport.start(tmp);
        mnt = m.mountpoint;
    }

    @AfterEach
    void unmount() throws IOException {
        if (m != null) {
            m.close();
        }
    }

    @Test
    void coreutils() throws IOException {
        byte[] data = bytes(200_000, 1);
        Path local = Files.write(tmp.resolve("local.bin"), data);
        Shell.ok(mnt, "cp", local.toString(), "a.bin");
        assertArrayEquals(data, Files.readAllBytes(m.exported.resolve("a.bin")));
        Shell.ok(mnt, "cp", "a.bin", "b.bin");
        Shell.ok(mnt, "cmp", "a.bin", "b.bin");
        Shell.ok(mnt, "mkdir", "-p", "d/e");
        Shell.ok(mnt, "mv", "b.bin", "d/e/c.bin");
        assertFalse(Files.exists(m.exported.resolve("b.bin")));
        assertArrayEquals(data, Files.readAllBytes(m.exported.resolve("d/e/c.bin")));
        Shell.ok(mnt, "ln", "a.bin", "hard.bin");
        assertEquals("2", Shell.ok(mnt, "stat", "-c", "%h", "a.bin").strip());
        assertEquals(Shell.ok(mnt, "stat", "-c", "%i", "a.bin"), Shell.ok(mnt, "stat", "-c", "%i", "hard.bin"));
        Shell.ok(mnt, "ln", "-s", "d/e/c.bin", "sym");
        assertEquals("d/e/c.bin", Shell.ok(mnt, "readlink", "sym").strip());
        Shell.ok(mnt, "cmp", "sym", local.toString());
        Shell.ok(mnt, "chmod", "640", "a.bin");
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(m.exported.resolve("a.bin"))));
        Shell.ok(mnt, "touch", "-d", "2001-02-03 04:05:06", "a.bin");
        assertEquals("2001-02-03 04:05:06", Shell.ok(mnt, "date", "-r", "a.bin", "+%Y-%m-%d %H:%M:%S").strip());
        Shell.ok(mnt, "touch", "new-empty");
        assertEquals(0, Files.size(m.exported.resolve("new-empty")));
        List<String> found = Shell.ok(mnt, "find", ".", "-type", "f").lines().sorted().toList();
        assertEquals(List.of("./a.bin", "./d/e/c.bin", "./hard.bin", "./new-empty"), found);
        assertEquals(Shell.ok(m.exported, "du", "-sk", "--apparent-size", "."), Shell.ok(mnt, "du", "-sk", "--apparent-size", "."));
        assertEquals(Shell.ok(m.exported, "du", "-sk", "."), Shell.ok(mnt, "du", "-sk", "."));
        Shell.ok(mnt, "rm", "-r", "d");
        assertFalse(Files.exists(m.exported.resolve("d")));
    }

    @Test
    void tarRoundTripsATreeBothWays() throws IOException {
        Path src = makeTree(tmp.resolve("src"));
        // into the mount: pack locally, unpack in the mount, compare with the original
        Shell.ok(tmp, "tar", "-cf", "src.tar", "-C", src.toString(), ".");
        Shell.ok(mnt, "tar", "-xpf", tmp.resolve("src.tar").toString());
        Shell.ok(tmp, "diff", "-r", "--no-dereference", src.toString(), m.exported.toString());
        // out of the mount: pack in the mount, unpack locally, compare
        Shell.ok(mnt, "tar", "-cf", tmp.resolve("mnt.tar").toString(), ".");
        Path back = Files.createDirectories(tmp.resolve("back"));
        Shell.ok(back, "tar", "-xpf", tmp.resolve("mnt.tar").toString());
        Shell.ok(tmp, "diff", "-r", "--no-dereference", src.toString(), back.toString());
        assertEquals(listing(src), listing(back));
    }

    @Test
    void gitInitAddCommitStatus() throws IOException {
        makeTree(mnt.resolve("repo"));
        Path repo = mnt.resolve("repo");
        Shell.ok(repo, "git", "init", "-q");
        Shell.ok(repo, "git", "add", "-A");
        Shell.ok(repo, "git", "-c", "user.name=lisa4j", "-c", "user.email=lisa4j@example.invalid",
                "commit", "-q", "-m", "first");
        assertEquals("", Shell.ok(repo, "git", "status", "--porcelain"));
        Files.writeString(repo.resolve("top.txt"), "changed\n");
        assertEquals(" M top.txt", Shell.ok(repo, "git", "status", "--porcelain").stripTrailing());
        Shell.ok(repo, "git", "-c", "user.name=lisa4j", "-c", "user.email=lisa4j@example.invalid",
                "commit", "-qam", "second");
        assertEquals("2", Shell.ok(repo, "git", "rev-list", "--count", "HEAD").strip());
        Shell.ok(repo, "git", "fsck", "--no-progress");
        assertTrue(Files.isDirectory(m.exported.resolve("repo/.git/objects")));
    }

    /** A small tree with files of several sizes, an empty file and directory, a symlink and a hard link. */
    private static Path makeTree(Path root) throws IOException {
        Files.createDirectories(root.resolve("a/b/c"));
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve("top.txt"), "top\n");
        Files.write(root.resolve("a/big.bin"), bytes(1_500_000, 2));
        Files.write(root.resolve("a/b/mid.bin"), bytes(70_000, 3));
        Files.createFile(root.resolve("a/b/c/zero"));
        Files.createSymbolicLink(root.resolve("a/link"), Path.of("b/mid.bin"));
        Files.createLink(root.resolve("a/b/hard"), root.resolve("a/b/mid.bin"));
        Files.setPosixFilePermissions(root.resolve("top.txt"), PosixFilePermissions.fromString("rwxr-x---"));
        return root;
    }

    private static List<String> listing(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
