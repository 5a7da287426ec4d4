package io.lisa4j.conformance.diff;

import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.server.host.sys.Sys;
import io.lisa4j.server.host.sys.Xattrs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A tree as the host kernel sees it, reduced to what two trees built by the same calls share: for
 * each path, the deterministic attributes ({@link AttrView}), a regular file's content, a symlink's
 * target and the xattrs (names and values) of everything but symlinks.
 */
public final class TreeSnapshot {
    private final SortedMap<String, String> entries;

    private TreeSnapshot(SortedMap<String, String> entries) {
        this.entries = entries;
    }

    public static TreeSnapshot of(Path root) throws IOException {
        SortedMap<String, String> entries = new TreeMap<>();
        List<Path> all;
        try (Stream<Path> s = Files.walk(root)) {
            all = s.filter(p -> !p.equals(root)).toList();
        }
        for (Path p : all) {
            entries.put(root.relativize(p).toString(), describe(p));
        }
        return new TreeSnapshot(entries);
    }

    private static String describe(Path p) throws IOException {
        byte[] host = p.toString().getBytes(StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder();
        try {
            var attr = Sys.statx(Sys.AT_FDCWD, host, Sys.AT_SYMLINK_NOFOLLOW);
            b.append(AttrView.of(attr));
            if (attr.isSymlink()) {
                // The raw bytes: java.nio would drop a trailing '/' of the target.
                return b.append(" -> ").append(Side.text(Sys.readlinkat(Sys.AT_FDCWD, host))).toString();
            }
            if (attr.isRegularFile()) {
                b.append(' ').append(Side.text(Files.readAllBytes(p)));
            }
            Xattrs.Target t = new Xattrs.Target(-1, host);
            TreeSet<String> xattrs = new TreeSet<>();
            for (byte[] name : Xattrs.list(t)) {
                xattrs.add(new String(name, StandardCharsets.UTF_8) + "=" + Side.text(Xattrs.get(t, name)));
            }
            return b.append(' ').append(xattrs).toString();
        } catch (ErrnoException e) {
            return b.append(" (").append(Side.errnoName(e.errno())).append(')').toString();
        }
    }

    /** The first difference, as "path: kernel ... / server ...", or null when the trees agree. */
    public static String firstDifference(TreeSnapshot kernel, TreeSnapshot server) {
        TreeSet<String> paths = new TreeSet<>(kernel.entries.keySet());
        paths.addAll(server.entries.keySet());
        for (String path : paths) {
            String k = kernel.entries.get(path);
            String s = server.entries.get(path);
            if (!Objects.equals(k, s)) {
                return "'%s': kernel %s, server %s".formatted(path, k == null ? "absent" : k, s == null ? "absent" : s);
            }
        }
        return null;
    }

}
