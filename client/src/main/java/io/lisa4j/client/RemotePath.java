package io.lisa4j.client;

import io.lisa4j.protocol.codec.WireValues;
import io.lisa4j.protocol.value.ResolveMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A path as the server walks it (PROTOCOL.md §6.1): a start (the export root, or an open directory
 * for *at semantics), a list of raw-byte components, and optionally a resolve mode that overrides
 * the file system's default for this one call. Immutable.
 *
 * <p>Linux names are bytes: use {@link #of(List)} for names that are not UTF-8 text.
 */
public final class RemotePath {
    private static final RemotePath ROOT = new RemotePath(null, List.of(), null);

    private final RemoteFile base;
    private final List<byte[]> components;
    private final ResolveMode mode;

    private RemotePath(RemoteFile base, List<byte[]> components, ResolveMode mode) {
        this.base = base;
        this.components = components;
        this.mode = mode;
    }

    /** The export root itself. */
    public static RemotePath root() {
        return ROOT;
    }

    /**
     * "a/b/c" relative to the export root, encoded as UTF-8 and split on '/'. Empty components are
     * dropped, so a leading '/' and "a//b" mean what they mean on Linux.
     */
    public static RemotePath of(String path) {
        return new RemotePath(null, List.copyOf(WireValues.split(path)), null);
    }

    /** Raw components relative to the export root. */
    public static RemotePath of(List<byte[]> components) {
        return new RemotePath(null, copy(components), null);
    }

    /** Raw components relative to the export root. */
    public static RemotePath of(byte[]... components) {
        return of(Arrays.asList(components));
    }

    /** "a/b" relative to an open directory, like the *at syscalls; "" names the directory itself. */
    public static RemotePath at(RemoteFile directory, String path) {
        return new RemotePath(Objects.requireNonNull(directory), List.copyOf(WireValues.split(path)), null);
    }

    /** Raw components relative to an open directory. */
    public static RemotePath at(RemoteFile directory, List<byte[]> components) {
        return new RemotePath(Objects.requireNonNull(directory), copy(components), null);
    }

    /** This path, walked in {@code mode} whatever the file system's default. */
    public RemotePath withMode(ResolveMode mode) {
        return new RemotePath(base, components, Objects.requireNonNull(mode));
    }

    /** The components, as copies. */
    public List<byte[]> components() {
        return copy(components);
    }

    /** The base directory, or null for the export root. */
    public RemoteFile base() {
        return base;
    }

    /** The resolve mode of this path, or null to use the file system's default. */
    public ResolveMode mode() {
        return mode;
    }

    long baseHandle() {
        return base == null ? 0 : base.handle();
    }

    List<byte[]> rawComponents() {
        return components;
    }

    private static List<byte[]> copy(List<byte[]> components) {
        List<byte[]> out = new ArrayList<>(components.size());
        for (byte[] c : components) {
            out.add(c.clone());
        }
        return List.copyOf(out);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RemotePath p) || base != p.base || mode != p.mode
                || components.size() != p.components.size()) {
            return false;
        }
        for (int i = 0; i < components.size(); i++) {
            if (!Arrays.equals(components.get(i), p.components.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(base, mode);
        for (byte[] c : components) {
            h = h * 31 + Arrays.hashCode(c);
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(base == null ? "/" : "<handle " + base.handle() + ">/");
        for (int i = 0; i < components.size(); i++) {
            s.append(i == 0 ? "" : "/").append(new String(components.get(i), java.nio.charset.StandardCharsets.UTF_8));
        }
        return mode == null ? s.toString() : s + " (" + mode + ")";
    }
}
