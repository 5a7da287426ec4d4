package io.lisa4j.conformance.cases;

import static io.lisa4j.conformance.run.Check.eq;
import static io.lisa4j.conformance.run.Check.errno;
import static io.lisa4j.conformance.run.Check.isTrue;
import static io.lisa4j.protocol.ProtocolConstants.SETATTR_MODE;
import static io.lisa4j.protocol.ProtocolConstants.SETATTR_SIZE;
import static io.lisa4j.protocol.ProtocolConstants.XATTR_CREATE;
import static io.lisa4j.protocol.ProtocolConstants.XATTR_REPLACE;

import io.lisa4j.client.SetAttrException;
import io.lisa4j.client.SetAttrResult;
import io.lisa4j.conformance.run.Case;
import io.lisa4j.conformance.run.CaseEnv;
import io.lisa4j.conformance.run.CaseSkipped;
import io.lisa4j.conformance.run.Section;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.value.AttrChange;
import io.lisa4j.protocol.value.FieldFailure;
import io.lisa4j.protocol.value.FsStat;
import io.lisa4j.protocol.value.ResolveMode;
import io.lisa4j.protocol.value.Timestamp;
import io.lisa4j.server.host.sys.Sys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** §8.2.10–§8.2.16: SETATTR, STATFS, ACCESS and the extended attribute calls. */
final class AttrCases {
    private AttrCases() {}

    static final Timestamp T1 = new Timestamp(1_234_567_890L, 987_654_321);

    static List<Case> cases() {
        List<Case> all = new ArrayList<>();
        all.addAll(new Section("8.2.10")
                .add("SETATTR MODE applies and matches the kernel", e -> {
                    e.write("f", "x");
                    SetAttrResult r = e.fs().setattr(e.p("f"), AttrChange.none().withMode(0604));
                    isTrue(r.fullyApplied(), "no failures, got " + r.failures());
                    eq("mode", Integer.toOctalString(ProtocolConstants.S_IFREG | 0604), Integer.toOctalString(r.attr().mode()));
                    e.matchesKernel("file", "f", r.attr());
                })
                .add("SETATTR SIZE truncates and extends", e -> {
                    e.write("f", "abcdef");
                    eq("size", 2L, e.fs().setattr(e.p("f"), AttrChange.none().withSize(2)).attr().size());
                    eq("size", 100L, e.fs().setattr(e.p("f"), AttrChange.none().withSize(100)).attr().size());
                    e.matchesKernel("file", "f", e.fs().stat(e.p("f")));
                })
                .add("SETATTR ATIME and MTIME set exact times", e -> {
                    e.write("f", "x");
                    SetAttrResult r = e.fs().setattr(e.p("f"), AttrChange.none().withAtime(T1).withMtime(T1));
                    eq("atime", T1, r.attr().atime());
                    eq("mtime", T1, r.attr().mtime());
                    e.matchesKernel("file", "f", r.attr());
                })
                .add("SETATTR MTIME_NOW takes precedence over MTIME", e -> {
                    e.write("f", "x");
                    int mask = ProtocolConstants.SETATTR_MTIME | ProtocolConstants.SETATTR_MTIME_NOW;
                    AttrChange c = new AttrChange(mask, 0, 0, 0, 0, Timestamp.EPOCH, T1);
                    SetAttrResult r = e.fs().setattr(e.p("f"), c);
                    isTrue(!r.attr().mtime().equals(T1), "mtime to be the current time, not the given one");
                })
                .add("SETATTR UID and GID of 0xFFFFFFFF leave the owner unchanged", e -> {
                    e.write("f", "x");
                    var before = e.fs().stat(e.p("f"));
                    SetAttrResult r = e.fs().setattr(e.p("f"), AttrChange.none().withUid(-1).withGid(-1));
                    isTrue(r.fullyApplied(), "no failures, got " + r.failures());
                    eq("uid", before.uid(), r.attr().uid());
                    eq("gid", before.gid(), r.attr().gid());
                })
                .add("SETATTR with an undefined mask bit gets EINVAL and applies nothing", e -> {
                    e.write("f", "x");
                    errno(Errno.EINVAL, () -> e.fs().setattr(e.p("f"),
                            new AttrChange(SETATTR_MODE | 256, 0600, 0, 0, 0, null, null)));
                    eq("mode", Integer.toOctalString(ProtocolConstants.S_IFREG | 0644),
                            Integer.toOctalString(e.fs().stat(e.p("f")).mode()));
                })
                .add("SETATTR with nsec above 999999999 gets EINVAL", e -> {
                    e.write("f", "x");
                    var body = io.lisa4j.protocol.message.RequestBodies.setAttr(e.spec("f", ResolveMode.IN_ROOT), false,
                            AttrChange.none().withMtime(T1));
                    // patch the mtime nsec field: find T1's nanos in the body and raise it
                    byte[] b = new byte[body.remaining()];
                    body.get(b);
                    patchInt(b, T1.nanos(), 1_000_000_000);
                    RawSession.expect(e.session(), Opcode.SetAttr, e.fs().fsid(), java.nio.ByteBuffer.wrap(b),
                            Errno.EINVAL, "SETATTR with nsec 1e9");
                })
                .add("SETATTR with a size above 2^63-1 gets EINVAL", e -> {
                    e.write("f", "x");
                    errno(Errno.EINVAL, () -> e.fs().setattr(e.p("f"), AttrChange.none().withSize(-1L)));
                    eq("size", 1L, e.fs().stat(e.p("f")).size());
                })
                .add("SETATTR reports a failed field and applies the others", e -> {
                    e.mkdir("d");
                    SetAttrResult r = partial(Errno.EISDIR,
                            () -> e.fs().setattr(e.p("d"), AttrChange.none().withSize(0).withMode(0700)));
                    eq("failures", List.of(new FieldFailure(SETATTR_SIZE, Errno.EISDIR.number())), r.failures());
                    eq("mode", Integer.toOctalString(ProtocolConstants.S_IFDIR | 0700), Integer.toOctalString(r.attr().mode()));
                })
                .add("SETATTR with mask 0 changes nothing and returns the attributes", e -> {
                    e.write("f", "x");
                    var before = e.fs().stat(e.p("f"));
                    SetAttrResult r = e.fs().setattr(e.p("f"), AttrChange.none());
                    eq("ctime", before.ctime(), r.attr().ctime());
                    eq("mode", before.mode(), r.attr().mode());
                })
                .add("SETATTR MODE on a symlink with nofollow fails with EOPNOTSUPP", e -> {
                    e.write("f", "x");
                    e.fs().symlink("f", e.p("l"));
                    SetAttrResult r = partial(Errno.EOPNOTSUPP,
                            () -> e.fs().lsetattr(e.path("l"), AttrChange.none().withMode(0600)));
                    eq("failures", List.of(new FieldFailure(SETATTR_MODE, Errno.EOPNOTSUPP.number())), r.failures());
                })
                .add("SETATTR applies SIZE before the times", e -> {
                    e.write("f", "abc");
                    SetAttrResult r = e.fs().setattr(e.p("f"), AttrChange.none().withSize(1).withMtime(T1));
                    eq("mtime", T1, r.attr().mtime());
                    eq("size", 1L, r.attr().size());
                })
                .cases());
        all.addAll(new Section("8.2.11")
                .add("STATFS matches the kernel's statfs", e -> {
                    e.write("f", "x");
                    FsStat s = e.fs().statfs(e.p("f"));
                    isTrue(s.blockSize() > 0 && s.nameMax() > 0, "a block size and a name length");
                    if (e.target().local()) {
                        int fd = Sys.openat(Sys.AT_FDCWD, e.host("f").toString().getBytes(), ProtocolConstants.O_PATH, 0);
                        try {
                            FsStat k = Sys.fstatfs(fd);
                            eq("type", k.type(), s.type());
                            eq("bsize", k.blockSize(), s.blockSize());
                            eq("namelen", k.nameMax(), s.nameMax());
                        } finally {
                            Sys.close(fd);
                        }
                    }
                })
                .add("STATFS on the read-only export sets ST_RDONLY", e -> eq("ST_RDONLY", 1L,
                        e.ro().statfs(io.lisa4j.client.RemotePath.root()).flags() & 1))
                .add("STATFS of a missing name gets ENOENT", e -> errno(Errno.ENOENT, () -> e.fs().statfs(e.p("m"))))
                .cases());
        all.addAll(new Section("8.2.12")
                .add("ACCESS F_OK and R_OK on an existing file succeed", e -> {
                    e.write("f", "x");
                    e.fs().access(e.path("f"), ProtocolConstants.F_OK, 0);
                    e.fs().access(e.path("f"), ProtocolConstants.R_OK | ProtocolConstants.W_OK, 0);
                })
                .add("ACCESS of a missing name gets ENOENT", e -> errno(Errno.ENOENT,
                        () -> { e.fs().access(e.path("m"), 0, 0); return null; }))
                .add("ACCESS with an undefined mode bit or flag gets EINVAL", e -> {
                    e.write("f", "x");
                    errno(Errno.EINVAL, () -> { e.fs().access(e.path("f"), 8, 0); return null; });
                    errno(Errno.EINVAL, () -> { e.fs().access(e.path("f"), 0, 0x1); return null; });
                })
                .add("ACCESS X_OK on a file without execute bits gets EACCES", e -> {
                    e.write("f", "x");
                    errno(Errno.EACCES, () -> { e.fs().access(e.path("f"), ProtocolConstants.X_OK, 0); return null; });
                })
                .add("ACCESS W_OK on the read-only export gets EROFS", e -> errno(Errno.EROFS,
                        () -> { e.ro().access(io.lisa4j.client.RemotePath.root(), ProtocolConstants.W_OK, 0); return null; }))
                .cases());
        Section getxattr = new Section("8.2.13")
                .add("GETXATTR returns what SETXATTR stored", e -> {
                    xattrFile(e);
                    eq("value", "v1".getBytes(), e.fs().getxattr(e.p("f"), "user.a"));
                })
                .add("GETXATTR of a missing name gets ENODATA", e -> {
                    xattrFile(e);
                    errno(Errno.ENODATA, () -> e.fs().getxattr(e.p("f"), "user.missing"));
                })
                .add("GETXATTR with an empty or 256-byte name gets ERANGE", e -> {
                    xattrFile(e);
                    errno(Errno.ERANGE, () -> e.fs().getxattr(e.p("f"), ""));
                    errno(Errno.ERANGE, () -> e.fs().getxattr(e.p("f"), "user." + "n".repeat(251)));
                })
                .add("GETXATTR with a NUL in the name gets EINVAL", e -> {
                    xattrFile(e);
                    errno(Errno.EINVAL, () -> e.fs().getxattr(e.p("f"), "user.a\0b"));
                })
                .add("GETXATTR of an unknown namespace gets EOPNOTSUPP", e -> {
                    xattrFile(e);
                    errno(Errno.EOPNOTSUPP, () -> e.fs().getxattr(e.p("f"), "nonsense.a"));
                });
        BadNameCases.xattrNames(getxattr);
        all.addAll(getxattr.cases());
        all.addAll(new Section("8.2.14")
                .add("SETXATTR returns the attributes afterwards", e -> {
                    xattrFile(e);
                    var attr = e.fs().setxattr(e.p("f"), "user.b", "x".getBytes(), 0);
                    e.matchesKernel("file", "f", attr);
                    eq("ctime as a following STAT", e.fs().stat(e.p("f")).ctime(), attr.ctime());
                })
                .add("SETXATTR XATTR_CREATE of an existing name gets EEXIST", e -> {
                    xattrFile(e);
                    errno(Errno.EEXIST, () -> e.fs().setxattr(e.p("f"), "user.a", "x".getBytes(), XATTR_CREATE));
                })
                .add("SETXATTR XATTR_REPLACE of a missing name gets ENODATA", e -> {
                    xattrFile(e);
                    errno(Errno.ENODATA, () -> e.fs().setxattr(e.p("f"), "user.m", "x".getBytes(), XATTR_REPLACE));
                })
                .add("SETXATTR with both flags or an undefined flag gets EINVAL", e -> {
                    xattrFile(e);
                    errno(Errno.EINVAL, () -> e.fs().setxattr(e.p("f"), "user.a", "x".getBytes(), 3));
                    errno(Errno.EINVAL, () -> e.fs().setxattr(e.p("f"), "user.a", "x".getBytes(), 4));
                })
                .add("SETXATTR with a value above 65536 bytes gets E2BIG", e -> {
                    xattrFile(e);
                    errno(Errno.E2BIG, () -> e.fs().setxattr(e.p("f"), "user.big", new byte[65537], 0));
                })
                .add("SETXATTR with an empty value stores an empty value", e -> {
                    xattrFile(e);
                    e.fs().setxattr(e.p("f"), "user.empty", new byte[0], 0);
                    eq("value", new byte[0], e.fs().getxattr(e.p("f"), "user.empty"));
                })
                .cases());
        all.addAll(new Section("8.2.15")
                .add("LISTXATTR lists the names", e -> {
                    xattrFile(e);
                    e.fs().setxattr(e.p("f"), "user.b", "x".getBytes(), 0);
                    List<String> names = e.fs().listxattr(e.p("f"));
                    isTrue(names.contains("user.a") && names.contains("user.b"), "user.a and user.b in " + names);
                })
                .add("LISTXATTR of a missing name gets ENOENT", e -> errno(Errno.ENOENT, () -> e.fs().listxattr(e.p("m"))))
                .cases());
        all.addAll(new Section("8.2.16")
                .add("REMOVEXATTR removes the name", e -> {
                    xattrFile(e);
                    e.fs().removexattr(e.p("f"), "user.a");
                    isTrue(!e.fs().listxattr(e.p("f")).contains("user.a"), "user.a gone");
                    errno(Errno.ENODATA, () -> e.fs().getxattr(e.p("f"), "user.a"));
                })
                .add("REMOVEXATTR of a missing name gets ENODATA", e -> {
                    xattrFile(e);
                    errno(Errno.ENODATA, () -> e.fs().removexattr(e.p("f"), "user.m"));
                })
                .cases());
        return all;
    }

    /** A file with user.a = "v1"; skips where the host filesystem has no user xattrs. */
    static void xattrFile(CaseEnv e) throws IOException {
        e.write("f", "x");
        try {
            e.fs().setxattr(e.p("f"), "user.a", "v1".getBytes(StandardCharsets.UTF_8), 0);
        } catch (ErrnoException err) {
            if (err.is(Errno.EOPNOTSUPP)) {
                throw new CaseSkipped("the export's filesystem has no user xattrs");
            }
            throw err;
        }
    }

    /** Replaces the first little-endian occurrence of {@code from} in {@code b} with {@code to}. */
    static void patchInt(byte[] b, int from, int to) {
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 4 <= b.length; i++) {
            if (bb.getInt(i) == from) {
                bb.putInt(i, to);
                return;
            }
        }
        throw new IllegalStateException("value not found in body");
    }


    @FunctionalInterface
    interface SetAttrCall {
        SetAttrResult run() throws IOException;
    }

    /** A SETATTR that applies some fields: it must throw SetAttrException with the first failed field's errno. */
    static SetAttrResult partial(Errno expected, SetAttrCall call) throws IOException {
        try {
            SetAttrResult r = call.run();
            throw io.lisa4j.conformance.run.Check.fail("SetAttrException " + expected.name(), r);
        } catch (SetAttrException e) {
            eq("errno", expected.number(), e.errno());
            return e.result();
        }
    }
}
