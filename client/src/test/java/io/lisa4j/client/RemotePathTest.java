package io.lisa4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.protocol.value.ResolveMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemotePathTest {
    private static List<String> names(RemotePath p) {
        return p.components().stream().map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8)).toList();
    }

    @Test
    void splitsOnSlashDroppingEmptyComponents() {
        assertEquals(List.of("a", "b", "c"), names(RemotePath.of("a/b/c")));
        assertEquals(List.of("a", "b"), names(RemotePath.of("/a//b/")));
        assertEquals(List.of(".", "..", "x"), names(RemotePath.of("./../x")));
        assertTrue(RemotePath.of("").components().isEmpty());
        assertEquals(RemotePath.root(), RemotePath.of("/"));
    }

    @Test
    void textIsUtf8() {
        assertArrayEquals(new byte[] {(byte) 0xc3, (byte) 0xa9}, RemotePath.of("\u00e9").components().getFirst());
    }

    @Test
    void rawComponentsKeepNonUtf8BytesAndAreCopied() {
        byte[] raw = {'n', (byte) 0xff};
        List<byte[]> list = new ArrayList<>(List.of(raw));
        RemotePath p = RemotePath.of(list);
        raw[0] = 'X';
        list.clear();
        assertArrayEquals(new byte[] {'n', (byte) 0xff}, p.components().getFirst());
        p.components().getFirst()[0] = 'Y';
        assertArrayEquals(new byte[] {'n', (byte) 0xff}, p.components().getFirst());
        assertEquals(p, RemotePath.of(new byte[] {'n', (byte) 0xff}));
    }

    @Test
    void modeIsPerPathAndDefaultsToTheFileSystems() {
        RemotePath p = RemotePath.of("a");
        assertNull(p.mode());
        assertEquals(ResolveMode.IN_ROOT, p.withMode(ResolveMode.IN_ROOT).mode());
        assertNotEquals(p, p.withMode(ResolveMode.STOP));
        assertNull(p.base());
        assertEquals(0, p.baseHandle());
    }
}
