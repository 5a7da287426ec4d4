package io.lisa4j.client.nio;

import io.lisa4j.client.RemotePath;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A path of a lisa4j file system: an optional root and a list of names, each raw bytes as Linux
 * names are. toString decodes them as UTF-8. The working directory of relative paths is the export
 * root. Behaves as the JDK's Unix path does; only {@link #toRealPath} and {@link #toUri} talk to
 * the server or the file system.
 */
final class Lisa4jPath implements Path {
    private static final byte[] DOT = {'.'};
    private static final byte[] DOT_DOT = {'.', '.'};

    private final Lisa4jFileSystem fs;
    private final boolean absolute;
    private final byte[][] names;
    /** Attributes a directory listing delivered with this path; see {@link ListedAttributes}. */
    private final ListedAttributes listed;

    Lisa4jPath(Lisa4jFileSystem fs, boolean absolute, byte[][] names) {
        this(fs, absolute, names, null);
    }

    private Lisa4jPath(Lisa4jFileSystem fs, boolean absolute, byte[][] names, ListedAttributes listed) {
        this.fs = fs;
        this.absolute = absolute;
        this.names = names;
        this.listed = listed;
    }

    /** Parses "a/b/c" as the JDK's Unix file system does: repeated and trailing slashes collapse. */
    static Lisa4jPath parse(Lisa4jFileSystem fs, String text) {
        if (text.indexOf('\0') >= 0) {
            throw new InvalidPathException(text, "Nul character not allowed");
        }
        List<byte[]> parts = new ArrayList<>();
        for (String part : text.split("/")) {
            if (!part.isEmpty()) {
                parts.add(part.getBytes(StandardCharsets.UTF_8));
            }
        }
        return new Lisa4jPath(fs, text.startsWith("/"), parts.toArray(byte[][]::new));
    }

    /** Parses raw bytes such as a symlink target. */
    static Lisa4jPath parse(Lisa4jFileSystem fs, byte[] text) {
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length; i++) {
            if (i == text.length || text[i] == '/') {
                if (i > start) {
                    parts.add(Arrays.copyOfRange(text, start, i));
                }
                start = i + 1;
            }
        }
        return new Lisa4jPath(fs, text.length > 0 && text[0] == '/', parts.toArray(byte[][]::new));
    }

    static Lisa4jPath cast(Path path) {
        if (path == null) {
            throw new NullPointerException();
        }
        if (!(path instanceof Lisa4jPath p)) {
            throw new ProviderMismatchException();
        }
        return p;
    }

    /** The child {@code name} of this directory, carrying the attributes its listing reported. */
    Lisa4jPath child(byte[] name, ListedAttributes attributes) {
        byte[][] out = Arrays.copyOf(names, names.length + 1);
        out[names.length] = name;
        return new Lisa4jPath(fs, absolute, out, attributes);
    }

    ListedAttributes listed() {
        return listed;
    }

    /** The path as the server walks it: from the export root, which is the working directory too. */
    RemotePath remote() {
        return RemotePath.of(Arrays.asList(names));
    }

    byte[] bytes() {
        int length = absolute && names.length == 0 ? 1 : (absolute ? 1 : 0) + Math.max(0, names.length - 1);
        for (byte[] n : names) {
            length += n.length;
        }
        byte[] out = new byte[length];
        int pos = 0;
        for (int i = 0; i < names.length; i++) {
            if (absolute || i > 0) {
                out[pos++] = '/';
            }
            System.arraycopy(names[i], 0, out, pos, names[i].length);
            pos += names[i].length;
        }
        if (absolute && names.length == 0) {
            out[0] = '/';
        }
        return out;
    }

    private boolean isEmpty() {
        return !absolute && names.length == 0;
    }

    private Lisa4jPath of(boolean abs, List<byte[]> parts) {
        return new Lisa4jPath(fs, abs, parts.toArray(byte[][]::new));
    }

    private Lisa4jPath empty() {
        return new Lisa4jPath(fs, false, new byte[0][]);
    }

    @Override
    public Lisa4jFileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return absolute;
    }

    @Override
    public Path getRoot() {
        return absolute ? new Lisa4jPath(fs, true, new byte[0][]) : null;
    }

    @Override
    public Path getFileName() {
        if (isEmpty()) {
            return this;
        }
        return names.length == 0 ? null : new Lisa4jPath(fs, false, new byte[][] {names[names.length - 1]});
    }

    @Override
    public Path getParent() {
        if (names.length == 0 || (names.length == 1 && !absolute)) {
            return null;
        }
        return new Lisa4jPath(fs, absolute, Arrays.copyOf(names, names.length - 1));
    }

    @Override
    public int getNameCount() {
        return isEmpty() ? 1 : names.length;
    }

    @Override
    public Path getName(int index) {
        return subpath(index, index + 1);
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        if (isEmpty() && beginIndex == 0 && endIndex == 1) {
            return this;
        }
        if (beginIndex < 0 || beginIndex >= names.length || endIndex > names.length || beginIndex >= endIndex) {
            throw new IllegalArgumentException();
        }
        return new Lisa4jPath(fs, false, Arrays.copyOfRange(names, beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        if (!(other instanceof Lisa4jPath o) || o.fs != fs) {
            return false;
        }
        if (o.absolute != absolute || o.names.length > names.length) {
            return false;
        }
        if (o.isEmpty()) {
            return isEmpty();
        }
        for (int i = 0; i < o.names.length; i++) {
            if (!Arrays.equals(o.names[i], names[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean endsWith(Path other) {
        if (!(other instanceof Lisa4jPath o) || o.fs != fs) {
            return false;
        }
        if (o.absolute) {
            return equals(o);
        }
        if (o.isEmpty()) {
            return isEmpty();
        }
        int offset = names.length - o.names.length;
        if (offset < 0) {
            return false;
        }
        for (int i = 0; i < o.names.length; i++) {
            if (!Arrays.equals(o.names[i], names[offset + i])) {
                return false;
            }
        }
        return true;
    }

    private boolean hasDotOrDotDot() {
        for (byte[] n : names) {
            if (Arrays.equals(n, DOT) || Arrays.equals(n, DOT_DOT)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Lisa4jPath normalize() {
        if (!hasDotOrDotDot()) {
            return this;
        }
        List<byte[]> out = new ArrayList<>();
        for (byte[] n : names) {
            if (Arrays.equals(n, DOT)) {
                continue;
            }
            if (Arrays.equals(n, DOT_DOT)) {
                if (!out.isEmpty() && !Arrays.equals(out.getLast(), DOT_DOT)) {
                    out.removeLast();
                    continue;
                }
                if (absolute) {
                    continue;
                }
            }
            out.add(n);
        }
        return of(absolute, out);
    }

    @Override
    public Lisa4jPath resolve(Path other) {
        Lisa4jPath o = cast(other);
        if (o.absolute) {
            return o;
        }
        if (o.isEmpty()) {
            return this;
        }
        byte[][] out = Arrays.copyOf(names, names.length + o.names.length);
        System.arraycopy(o.names, 0, out, names.length, o.names.length);
        return new Lisa4jPath(fs, absolute, out);
    }

    @Override
    public Path relativize(Path other) {
        Lisa4jPath child = cast(other);
        if (child.equals(this)) {
            return empty();
        }
        if (absolute != child.absolute) {
            throw new IllegalArgumentException("'other' is different type of Path");
        }
        if (isEmpty()) {
            return child;
        }
        Lisa4jPath base = this;
        if (base.hasDotOrDotDot() || child.hasDotOrDotDot()) {
            base = base.normalize();
            child = child.normalize();
        }
        int i = 0;
        int n = Math.min(base.names.length, child.names.length);
        while (i < n && Arrays.equals(base.names[i], child.names[i])) {
            i++;
        }
        List<byte[]> out = new ArrayList<>();
        for (int j = i; j < base.names.length; j++) {
            if (Arrays.equals(base.names[j], DOT) || Arrays.equals(base.names[j], DOT_DOT)) {
                throw new IllegalArgumentException("Unable to compute relative  path from " + this + " to " + other);
            }
            out.add(DOT_DOT);
        }
        out.addAll(Arrays.asList(child.names).subList(i, child.names.length));
        return of(false, out);
    }

    @Override
    public URI toUri() {
        return fs.uriOf(toAbsolutePath().bytes());
    }

    @Override
    public Lisa4jPath toAbsolutePath() {
        return absolute ? this : new Lisa4jPath(fs, true, names);
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        return new RealPath(fs).of(toAbsolutePath(), Lisa4jFileSystemProvider.followLinks(options));
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw Lisa4jFileSystem.noWatching();
    }

    @Override
    public int compareTo(Path other) {
        return Arrays.compareUnsigned(bytes(), cast(other).bytes());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Lisa4jPath o && o.fs == fs && o.absolute == absolute
                && Arrays.deepEquals(o.names, names);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(names) * 31 + (absolute ? 1 : 0);
    }

    @Override
    public String toString() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }
}
