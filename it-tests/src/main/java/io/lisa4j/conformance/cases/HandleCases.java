package io.lisa4j.conformance.cases;

import static io.lisa4j.conformance.run.Check.eq;
import static io.lisa4j.conformance.run.Check.errno;
import static io.lisa4j.conformance.run.Check.isTrue;
import static io.lisa4j.protocol.ProtocolConstants.O_DIRECTORY;
import static io.lisa4j.protocol.ProtocolConstants.O_NOFOLLOW;
import static io.lisa4j.protocol.ProtocolConstants.O_PATH;
import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;
import static io.lisa4j.protocol.ProtocolConstants.O_RDWR;
import static io.lisa4j.protocol.ProtocolConstants.O_WRONLY;

import io.lisa4j.client.DirBatch;
import io.lisa4j.client.ReadResult;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.RemotePath;
import io.lisa4j.client.SetAttrResult;
import io.lisa4j.client.WriteResult;
import io.lisa4j.conformance.run.Case;
import io.lisa4j.conformance.run.CaseEnv;
import io.lisa4j.conformance.run.Section;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.value.AttrChange;
import io.lisa4j.protocol.value.DirEntry;
import io.lisa4j.protocol.value.FieldFailure;
import io.lisa4j.protocol.value.FileAttr;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** §8.3: the handle-based operations. */
final class HandleCases {
    private HandleCases() {}

    static List<Case> cases() {
        List<Case> all = new ArrayList<>();
        all.addAll(new Section("8.3.1")
                .add("FSTAT matches the kernel", e -> {
                    e.write("f", "abc");
                    try (RemoteFile f = open(e, "f", O_RDONLY)) {
                        e.matchesKernel("file", "f", f.fstat());
                    }
                })
                .add("FSTAT of an O_PATH|O_NOFOLLOW symlink reports the symlink", e -> {
                    e.fs().symlink("target", e.p("l"));
                    try (RemoteFile f = open(e, "l", O_PATH | O_NOFOLLOW)) {
                        e.matchesKernel("symlink", "l", f.fstat());
                    }
                })
                .cases());
        all.addAll(new Section("8.3.2")
                .add("PREAD to the end sets eof", e -> read(e, "hello", 0, 100, "hello", true))
                .add("PREAD with more to come leaves eof false", e -> read(e, "hello", 0, 2, "he", false))
                .add("PREAD ending exactly at the end sets eof", e -> read(e, "hello", 1, 4, "ello", true))
                .add("PREAD at the end returns nothing and eof", e -> read(e, "hello", 5, 10, "", true))
                .add("PREAD beyond the end returns nothing and eof", e -> read(e, "hello", 1000, 10, "", true))
                .add("PREAD of length 0 says whether the offset is at the end", e -> {
                    read(e, "hello", 2, 0, "", false);
                    read(e, "hello", 5, 0, "", true);
                })
                .add("PREAD clamps a huge length instead of failing", e -> {
                    e.write("f", "abc");
                    var w = e.wire();
                    int fsid = w.mount(e.target().export());
                    var open = WireCases.expectStatus(w.call(io.lisa4j.protocol.fb.Opcode.Open, fsid,
                            io.lisa4j.protocol.message.RequestBodies.open(e.spec("f",
                                    io.lisa4j.protocol.value.ResolveMode.IN_ROOT), O_RDONLY, 0)), 0, "OPEN");
                    long h = io.lisa4j.protocol.fb.OpenReply.getRootAsOpenReply(open.bodyBuffer()).handle();
                    var r = WireCases.expectStatus(w.call(io.lisa4j.protocol.fb.Opcode.Pread, fsid,
                            io.lisa4j.protocol.message.RequestBodies.pread(h, 0, -1)), 0, "PREAD of 2^32-1 bytes");
                    eq("data", "abc", new String(r.data()));
                    isTrue(io.lisa4j.protocol.fb.PreadReply.getRootAsPreadReply(r.bodyBuffer()).eof(), "eof");
                })
                .add("PREAD on a directory gets EISDIR", e -> {
                    e.mkdir("d");
                    try (RemoteFile d = open(e, "d", O_RDONLY | O_DIRECTORY)) {
                        errno(Errno.EISDIR, () -> d.pread(0, 10));
                    }
                })
                .add("PREAD at an offset above 2^63-1 gets EINVAL", e -> {
                    e.write("f", "abc");
                    try (RemoteFile f = open(e, "f", O_RDONLY)) {
                        errno(Errno.EINVAL, () -> f.pread(-1L, 10));
                    }
                })
                .cases());
        all.addAll(new Section("8.3.3")
                .add("PWRITE reports the count and the attributes afterwards", e -> {
                    e.write("f", "");
                    try (RemoteFile f = open(e, "f", O_RDWR)) {
                        WriteResult w = f.pwrite(3, "xyz".getBytes());
                        eq("written", 3, w.written());
                        eq("size", 6L, w.attr().size());
                        e.matchesKernel("file", "f", w.attr());
                        eq("hole reads as zeros", "\0\0\0xyz", new String(f.pread(0, 10).data()));
                    }
                })
                .add("PWRITE with an empty payload returns the attributes", e -> {
                    e.write("f", "abc");
                    try (RemoteFile f = open(e, "f", O_WRONLY)) {
                        WriteResult w = f.pwrite(0, new byte[0]);
                        eq("written", 0, w.written());
                        eq("size", 3L, w.attr().size());
                    }
                })
                .add("PWRITE at an offset above 2^63-1 gets EINVAL", e -> {
                    e.write("f", "abc");
                    try (RemoteFile f = open(e, "f", O_WRONLY)) {
                        errno(Errno.EINVAL, () -> f.pwrite(-1L, new byte[1]));
                    }
                })
                .cases());
        all.addAll(new Section("8.3.4")
                .add("FSYNC and FDATASYNC succeed on file, read-only and directory handles", e -> {
                    e.write("f", "abc");
                    e.mkdir("d");
                    try (RemoteFile w = open(e, "f", O_WRONLY); RemoteFile r = open(e, "f", O_RDONLY);
                            RemoteFile d = open(e, "d", O_RDONLY | O_DIRECTORY)) {
                        for (RemoteFile f : List.of(w, r, d)) {
                            f.fsync();
                            f.fdatasync();
                        }
                    }
                })
                .add("FSYNC on an O_PATH handle gets EBADF", e -> {
                    e.write("f", "abc");
                    try (RemoteFile f = open(e, "f", O_PATH)) {
                        errno(Errno.EBADF, () -> { f.fsync(); return null; });
                    }
                })
                .cases());
        all.addAll(new Section("8.3.5")
                .add("FTRUNCATE shrinks and extends; attributes match the kernel", e -> {
                    e.write("f", "abcdef");
                    try (RemoteFile f = open(e, "f", O_RDWR)) {
                        eq("size", 2L, f.ftruncate(2).size());
                        FileAttr a = f.ftruncate(50);
                        e.matchesKernel("file", "f", a);
                    }
                })
                .add("FTRUNCATE on a read-only handle gets EINVAL", e -> {
                    e.write("f", "abc");
                    try (RemoteFile f = open(e, "f", O_RDONLY)) {
                        errno(Errno.EINVAL, () -> f.ftruncate(0));
                    }
                })
                .add("FTRUNCATE on an O_PATH handle gets EBADF", e -> {
                    e.write("f", "abc");
                    try (RemoteFile f = open(e, "f", O_PATH)) {
                        errno(Errno.EBADF, () -> f.ftruncate(0));
                    }
                })
                .add("FTRUNCATE to a size above 2^63-1 gets EINVAL", e -> {
                    e.write("f", "abc");
                    try (RemoteFile f = open(e, "f", O_RDWR)) {
                        errno(Errno.EINVAL, () -> f.ftruncate(-1L));
                    }
                })
                .cases());
        all.addAll(new Section("8.3.6")
                .add("FALLOCATE mode 0 extends the size", e -> fallocate(e, 0, 4096, 4096))
                .add("FALLOCATE KEEP_SIZE keeps the size", e -> fallocate(e, ProtocolConstants.FALLOC_FL_KEEP_SIZE, 4096, 3))
                .add("FALLOCATE of length 0 gets EINVAL", e -> fallocateFails(e, 0, 0, 0, Errno.EINVAL, O_RDWR))
                .add("FALLOCATE PUNCH_HOLE without KEEP_SIZE gets EINVAL",
                        e -> fallocateFails(e, ProtocolConstants.FALLOC_FL_PUNCH_HOLE, 0, 1, Errno.EINVAL, O_RDWR))
                .add("FALLOCATE with another mode bit gets EOPNOTSUPP", e -> fallocateFails(e, 0x10, 0, 1, Errno.EOPNOTSUPP, O_RDWR))
                .add("FALLOCATE on a read-only handle gets EBADF", e -> fallocateFails(e, 0, 0, 1, Errno.EBADF, O_RDONLY))
                .cases());
        all.addAll(new Section("8.3.7")
                .add("GETDENTS lists every entry with '.', '..', types and inodes as the kernel", HandleCases::listing)
                .add("GETDENTS one entry at a time: each entry once, eof at the end", HandleCases::paginate)
                .add("GETDENTS with_attrs gives lstat attributes", e -> {
                    e.write("f", "abc");
                    e.fs().symlink("f", e.p("l"));
                    for (DirEntry d : all(e, true)) {
                        isTrue(d.attr() != null, "attributes for " + d.nameAsString());
                        if (!d.nameAsString().startsWith(".")) {
                            e.matchesKernel(d.nameAsString(), d.nameAsString(), d.attr());
                        }
                    }
                })
                .add("GETDENTS without attributes leaves attr absent", e -> {
                    e.write("f", "abc");
                    for (DirEntry d : all(e, false)) {
                        isTrue(d.attr() == null, "no attributes for " + d.nameAsString());
                    }
                })
                .add("GETDENTS of the export root reports '..' as the root itself", e -> {
                    try (RemoteFile root = e.fs().open(RemotePath.root(), O_RDONLY | O_DIRECTORY, 0)) {
                        DirEntry dotdot = byName(drain(root, false)).get("..");
                        isTrue(dotdot != null, "'..' in the root's listing");
                        eq("ino of '..'", e.fs().rootAttr().ino(), dotdot.ino());
                    }
                })
                .add("GETDENTS on an O_PATH handle gets EBADF", e -> {
                    e.mkdir("d");
                    try (RemoteFile d = open(e, "d", O_PATH | O_DIRECTORY)) {
                        errno(Errno.EBADF, () -> d.getdents(0, 0, false));
                    }
                })
                .add("GETDENTS from the last cookie returns nothing and eof", e -> {
                    e.write("f", "x");
                    try (RemoteFile d = open(e, "", O_RDONLY | O_DIRECTORY)) {
                        List<DirEntry> got = drain(d, false);
                        DirBatch after = d.getdents(got.getLast().cookie(), 0, false);
                        isTrue(after.entries().isEmpty() && after.eof(), "no entries and eof, got " + after);
                    }
                })
                .cases());
        all.addAll(new Section("8.3.8")
                .add("FSETATTR applies mode and size", e -> {
                    e.write("f", "abcdef");
                    try (RemoteFile f = open(e, "f", O_RDWR)) {
                        SetAttrResult r = f.fsetattr(AttrChange.none().withMode(0600).withSize(2));
                        isTrue(r.fullyApplied(), "no failures, got " + r.failures());
                        e.matchesKernel("file", "f", r.attr());
                    }
                })
                .add("FSETATTR SIZE on a read-only handle fails with EINVAL in failures", e -> {
                    e.write("f", "abcdef");
                    try (RemoteFile f = open(e, "f", O_RDONLY)) {
                        SetAttrResult r = AttrCases.partial(Errno.EINVAL,
                                () -> f.fsetattr(AttrChange.none().withSize(1).withMode(0600)));
                        eq("failures", List.of(new FieldFailure(ProtocolConstants.SETATTR_SIZE, Errno.EINVAL.number())),
                                r.failures());
                        eq("mode applied", 0600, r.attr().permissions());
                    }
                })
                .add("FSETATTR on an O_PATH handle gets EBADF", e -> {
                    e.write("f", "abc");
                    try (RemoteFile f = open(e, "f", O_PATH)) {
                        errno(Errno.EBADF, () -> f.fsetattr(AttrChange.none().withMode(0600)));
                    }
                })
                .add("FSETATTR with an undefined mask bit gets EINVAL", e -> {
                    e.write("f", "abc");
                    try (RemoteFile f = open(e, "f", O_RDWR)) {
                        errno(Errno.EINVAL, () -> f.fsetattr(new AttrChange(512, 0, 0, 0, 0, null, null)));
                    }
                })
                .cases());
        all.addAll(new Section("8.3.9")
                .add("FGETXATTR reads a value; a missing one gets ENODATA", e -> {
                    AttrCases.xattrFile(e);
                    try (RemoteFile f = open(e, "f", O_RDONLY)) {
                        eq("value", "v1".getBytes(), f.fgetxattr("user.a"));
                        errno(Errno.ENODATA, () -> f.fgetxattr("user.m"));
                    }
                })
                .cases());
        all.addAll(new Section("8.3.10")
                .add("FSETXATTR stores a value and returns the attributes", e -> {
                    AttrCases.xattrFile(e);
                    try (RemoteFile f = open(e, "f", O_RDONLY)) {
                        FileAttr a = f.fsetxattr("user.b", "2".getBytes(), 0);
                        eq("ctime as a following FSTAT", f.fstat().ctime(), a.ctime());
                        eq("value", "2".getBytes(), e.fs().getxattr(e.p("f"), "user.b"));
                    }
                })
                .cases());
        all.addAll(new Section("8.3.11")
                .add("FLISTXATTR lists the names", e -> {
                    AttrCases.xattrFile(e);
                    try (RemoteFile f = open(e, "f", O_RDONLY)) {
                        isTrue(f.flistxattr().contains("user.a"), "user.a listed");
                    }
                })
                .cases());
        all.addAll(new Section("8.3.12")
                .add("FREMOVEXATTR removes a name", e -> {
                    AttrCases.xattrFile(e);
                    try (RemoteFile f = open(e, "f", O_RDONLY)) {
                        f.fremovexattr("user.a");
                        errno(Errno.ENODATA, () -> f.fgetxattr("user.a"));
                    }
                })
                .cases());
        all.addAll(new Section("8.3.13")
                .add("CLOSE closes many handles in one request", e -> {
                    e.write("f", "x");
                    RemoteFile a = open(e, "f", O_RDONLY), b = open(e, "f", O_RDONLY), c = open(e, "f", O_PATH);
                    long before = e.session().rpcCounter().total();
                    eq("results", List.of(0, 0, 0), e.fs().closeAll(a, b, c));
                    eq("RPCs", 1L, e.session().rpcCounter().total() - before);
                    errno(Errno.EBADF, b::fstat);
                })
                .add("CLOSE of an unknown handle reports EBADF for it alone", e -> {
                    e.write("f", "x");
                    RemoteFile a = open(e, "f", O_RDONLY);
                    var body = io.lisa4j.protocol.message.RequestBodies.close(a.handle(), 0x7fff_ffff_0000L);
                    eq("status", 0, io.lisa4j.client.ConformanceCalls.status(e.session(),
                            io.lisa4j.protocol.fb.Opcode.Close, e.fs().fsid(), body));
                    errno(Errno.EBADF, a::fstat);
                })
                .add("CLOSE of a handle listed twice: closed once, then EBADF", e -> {
                    e.write("f", "x");
                    RemoteFile a = open(e, "f", O_RDONLY);
                    eq("results", List.of(0, Errno.EBADF.number()), e.fs().closeAll(a, a));
                })
                .cases());
        all.addAll(new Section("8.3.14")
                .add("FSTATFS works on any handle, O_PATH included", e -> {
                    e.write("f", "x");
                    try (RemoteFile f = open(e, "f", O_PATH)) {
                        eq("bsize as STATFS", e.fs().statfs(e.p("f")).blockSize(), f.fstatfs().blockSize());
                    }
                })
                .cases());
        all.addAll(new Section("8.3.15")
                .add("FREADLINK reads an O_PATH|O_NOFOLLOW symlink", e -> {
                    e.fs().symlink("t/u", e.p("l"));
                    try (RemoteFile f = open(e, "l", O_PATH | O_NOFOLLOW)) {
                        eq("target", "t/u".getBytes(), f.freadlink());
                    }
                })
                .add("FREADLINK of a non-symlink gets EINVAL", e -> {
                    e.write("f", "x");
                    try (RemoteFile f = open(e, "f", O_PATH)) {
                        errno(Errno.EINVAL, f::freadlink);
                    }
                })
                .cases());
        return all;
    }

    static RemoteFile open(CaseEnv e, String rel, int flags) throws IOException {
        return e.fs().open(e.p(rel), flags);
    }

    static void read(CaseEnv e, String content, long offset, int length, String expected, boolean eof)
            throws IOException {
        e.write("f", content);
        try (RemoteFile f = open(e, "f", O_RDONLY)) {
            ReadResult r = f.pread(offset, length);
            eq("data", expected, new String(r.data()));
            eq("eof", eof, r.eof());
        }
    }

    static void fallocate(CaseEnv e, int mode, long length, long expectedSize) throws IOException {
        e.write("f", "abc");
        try (RemoteFile f = open(e, "f", O_RDWR)) {
            FileAttr a = f.fallocate(mode, 0, length);
            eq("size", expectedSize, a.size());
            e.matchesKernel("file", "f", a);
        }
    }

    static void fallocateFails(CaseEnv e, int mode, long offset, long length, Errno expected, int flags)
            throws IOException {
        e.write("f", "abc");
        try (RemoteFile f = open(e, "f", flags)) {
            errno(expected, () -> f.fallocate(mode, offset, length));
        }
    }

    static List<DirEntry> drain(RemoteFile dir, boolean withAttrs) throws IOException {
        List<DirEntry> out = new ArrayList<>();
        long cookie = 0;
        for (int i = 0; i < 10_000; i++) {
            DirBatch b = dir.getdents(cookie, 0, withAttrs);
            out.addAll(b.entries());
            cookie = b.nextCookie(cookie);
            if (b.eof()) {
                return out;
            }
        }
        throw new io.lisa4j.conformance.run.CaseFailure("expected eof within 10000 GETDENTS");
    }

    static List<DirEntry> all(CaseEnv e, boolean withAttrs) throws IOException {
        try (RemoteFile d = open(e, "", O_RDONLY | O_DIRECTORY)) {
            return drain(d, withAttrs);
        }
    }

    static Map<String, DirEntry> byName(List<DirEntry> entries) {
        Map<String, DirEntry> m = new TreeMap<>();
        for (DirEntry d : entries) {
            isTrue(m.put(d.nameAsString(), d) == null, "each name once, got " + d.nameAsString() + " twice");
        }
        return m;
    }

    static void listing(CaseEnv e) throws IOException {
        e.write("f", "x");
        e.mkdir("d");
        e.fs().symlink("f", e.p("l"));
        e.fs().mknod(e.p("p"), ProtocolConstants.S_IFIFO | 0600, 0, 0);
        Map<String, DirEntry> m = byName(all(e, false));
        eq("names", List.of(".", "..", "d", "f", "l", "p"), List.copyOf(m.keySet()));
        Map<String, Integer> types = new HashMap<>();
        m.forEach((k, v) -> types.put(k, v.type()));
        eq("types", Map.of(".", 4, "..", 4, "d", 4, "f", 8, "l", 10, "p", 1), types);
        for (String n : List.of("d", "f", "l", "p")) {
            if (e.target().local()) {
                eq("ino of " + n, e.kernel(n).ino(), m.get(n).ino());
            }
        }
    }

    static void paginate(CaseEnv e) throws IOException {
        for (int i = 0; i < 30; i++) {
            e.write("f" + i, "");
        }
        try (RemoteFile d = open(e, "", O_RDONLY | O_DIRECTORY)) {
            List<DirEntry> got = new ArrayList<>();
            long cookie = 0;
            DirBatch b;
            do {
                b = d.getdents(cookie, 1, false);
                isTrue(b.entries().size() <= 1, "at most max_entries entries");
                got.addAll(b.entries());
                cookie = b.nextCookie(cookie);
                isTrue(got.size() < 100, "eof before 100 entries");
            } while (!b.eof());
            eq("entries", 32, byName(got).size());
        }
    }
}
