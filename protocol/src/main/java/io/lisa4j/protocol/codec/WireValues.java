package io.lisa4j.protocol.codec;

import com.google.flatbuffers.FlatBufferBuilder;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.Component;
import io.lisa4j.protocol.fb.PathRef;
import io.lisa4j.protocol.fb.StatFsInfo;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.FsStat;
import io.lisa4j.protocol.value.Timestamp;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Conversions between the generated FlatBuffers types and the value records, and the bounded
 * readers every decoder uses: the Java runtime has no verifier, so each length a peer sends is
 * checked against the frame before anything is allocated from it.
 */
public final class WireValues {
    private WireValues() {}

    // ------------------------------------------------------------ attributes

    /** Writes an Attr struct; call it between a table's start and its addAttr. */
    public static int attr(FlatBufferBuilder b, FileAttr a) {
        return io.lisa4j.protocol.fb.Attr.createAttr(b,
                a.mask() & 0xffffffffL, a.mode() & 0xffffffffL, a.nlink(), a.uid() & 0xffffffffL,
                a.gid() & 0xffffffffL, a.blksize() & 0xffffffffL, a.ino(), a.size(), a.blocks(),
                a.atime().seconds(), a.atime().nanos(), 0,
                a.mtime().seconds(), a.mtime().nanos(), 0,
                a.ctime().seconds(), a.ctime().nanos(), 0,
                a.btime().seconds(), a.btime().nanos(), 0,
                a.rdevMajor() & 0xffffffffL, a.rdevMinor() & 0xffffffffL,
                a.devMajor() & 0xffffffffL, a.devMinor() & 0xffffffffL);
    }

    /** Reads an Attr struct; null stays null (an absent optional field). */
    public static FileAttr attr(io.lisa4j.protocol.fb.Attr a) {
        if (a == null) {
            return null;
        }
        return new FileAttr(
                (int) a.mask(), (int) a.mode(), a.nlink(), (int) a.uid(), (int) a.gid(), (int) a.blksize(),
                a.ino(), a.size(), a.blocks(),
                timestamp(a.atime()), timestamp(a.mtime()), timestamp(a.ctime()), timestamp(a.btime()),
                (int) a.rdevMajor(), (int) a.rdevMinor(), (int) a.devMajor(), (int) a.devMinor());
    }

    private static Timestamp timestamp(io.lisa4j.protocol.fb.Timespec t) {
        long nsec = t.nsec();
        return new Timestamp(t.sec(), nsec > 999_999_999L ? 999_999_999 : (int) nsec);
    }

    public static int statFs(FlatBufferBuilder b, FsStat s) {
        return StatFsInfo.createStatFsInfo(b, s.type(), s.blockSize(), s.blocks(), s.blocksFree(),
                s.blocksAvailable(), s.files(), s.filesFree(), s.nameMax(), s.fragmentSize(), s.flags(), s.fsid());
    }

    public static FsStat statFs(StatFsInfo s) {
        if (s == null) {
            return null;
        }
        return new FsStat(s.type(), s.bsize(), s.blocks(), s.bfree(), s.bavail(), s.files(), s.ffree(),
                s.namelen(), s.frsize(), s.flags(), s.fsid());
    }

    // ------------------------------------------------------------ paths

    /** Writes a PathRef table; call it before starting the table that refers to it. */
    public static int pathRef(FlatBufferBuilder b, long base, List<byte[]> components, int resolveMode) {
        int[] offsets = new int[components.size()];
        for (int i = 0; i < offsets.length; i++) {
            int name = b.createByteVector(components.get(i));
            offsets[i] = Component.createComponent(b, name);
        }
        int vector = PathRef.createComponentsVector(b, offsets);
        return PathRef.createPathRef(b, base, vector, resolveMode);
    }

    /** Writes a vector of Component tables (used for xattr name lists). */
    public static int components(FlatBufferBuilder b, List<byte[]> names) {
        int[] offsets = new int[names.size()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = Component.createComponent(b, b.createByteVector(names.get(i)));
        }
        return b.createVectorOfTables(offsets);
    }

    /**
     * Reads and validates a path's components: at most {@code maxComponents}, each non-empty, at
     * most {@code maxNameLength} bytes, without '/' or NUL.
     *
     * @throws ErrnoException ENAMETOOLONG for too many components or a too long name, EINVAL for
     *     an empty name or one holding '/' or NUL
     */
    public static List<byte[]> components(PathRef ref, int maxComponents, int maxNameLength) throws ErrnoException {
        if (ref == null) {
            return List.of();
        }
        int n = ref.componentsLength();
        if (n < 0) {
            throw new ErrnoException(Errno.EBADMSG, "negative component count");
        }
        if (n > maxComponents) {
            throw new ErrnoException(Errno.ENAMETOOLONG, "path has " + n + " components");
        }
        List<byte[]> out = new ArrayList<>(n);
        Component c = new Component();
        for (int i = 0; i < n; i++) {
            ref.components(c, i);
            byte[] name = boundedBytes(c.nameAsByteBuffer(), maxNameLength, Errno.ENAMETOOLONG, "path component");
            if (name.length == 0) {
                throw new ErrnoException(Errno.EINVAL, "empty path component");
            }
            for (byte x : name) {
                if (x == '/' || x == 0) {
                    throw new ErrnoException(Errno.EINVAL, "path component holds '/' or NUL");
                }
            }
            out.add(name);
        }
        return out;
    }

    /** Reads a list of names (xattr names) with the same bounds as path components. */
    public static List<byte[]> names(int count, java.util.function.IntFunction<ByteBuffer> nameAt, int maxCount,
            int maxNameLength) throws ErrnoException {
        if (count < 0 || count > maxCount) {
            throw new ErrnoException(Errno.E2BIG, "list of " + count + " names");
        }
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(boundedBytes(nameAt.apply(i), maxNameLength, Errno.ERANGE, "name"));
        }
        return out;
    }

    /** Copies a [ubyte] vector out of a body: absent means empty, longer than {@code max} fails with {@code tooLong}. */
    public static byte[] boundedBytes(ByteBuffer vector, int max, Errno tooLong, String what) throws ErrnoException {
        if (vector == null) {
            return new byte[0];
        }
        if (vector.remaining() > max) {
            throw new ErrnoException(tooLong, what + " of " + vector.remaining() + " bytes");
        }
        byte[] out = new byte[vector.remaining()];
        vector.get(out);
        return out;
    }

    /** Splits "a/b/c" into components, dropping empty ones: a convenience for callers holding text. */
    public static List<byte[]> split(String path) {
        List<byte[]> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                out.add(part.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** The limit on path components a receiver applies when it has no configured one. */
    public static int defaultMaxComponents() {
        return ProtocolConstants.MAX_COMPONENTS;
    }
}
