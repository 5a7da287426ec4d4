package io.lisa4j.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
    @TempDir
    Path tmp;

    MountedExport m;

    @BeforeEach
    void mount() throws Exception {
        m = MountedExport.start(tmp);
    }

    @AfterEach
    void unmount() throws Exception {
        if (m != null) {
            m.close();
        }
    }

    @Test
    void writesThroughTheMountLandInTheExport() throws Exception {
        Path f = m.mountpoint.resolve("hello.txt");
        Files.writeString(f, "hello");
        assertEquals("hello", Files.readString(m.exported.resolve("hello.txt")));
        assertEquals("hello", Files.readString(f));
        Files.createDirectory(m.mountpoint.resolve("d"));
        try (var s = Files.list(m.mountpoint)) {
            assertEquals(List.of("d", "hello.txt"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(Files.isDirectory(m.exported.resolve("d")));
    }
}
