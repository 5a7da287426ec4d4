package io.lisa4j.conformance.cases;

import static io.lisa4j.conformance.run.Check.eq;
import static io.lisa4j.conformance.run.Check.errno;
import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;
import static io.lisa4j.protocol.ProtocolConstants.O_RDWR;

import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.RemotePath;
import io.lisa4j.conformance.run.CaseEnv;
import io.lisa4j.conformance.run.Check;
import io.lisa4j.conformance.run.Section;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.value.AttrChange;
import io.lisa4j.protocol.value.ResolveMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Bad names in every operation that carries one: path components (§6.1) in the final and a middle
 * position of every PathRef, in both resolve modes; export names (§8.1); xattr names (§8.2.13).
 * Nothing is created by a refused request.
 */
final class BadNameCases {
    private BadNameCases() {}

    /** A bad component and what §6.1 answers. */
    private record Bad(String label, byte[] name, Errno errno) {}

    private static final List<Bad> COMPONENTS = List.of(
            new Bad("empty", new byte[0], Errno.EINVAL),
            new Bad("'/'", "a/b".getBytes(StandardCharsets.UTF_8), Errno.EINVAL),
            new Bad("NUL", "a\0b".getBytes(StandardCharsets.UTF_8), Errno.EINVAL),
            new Bad("256-byte", "n".repeat(256).getBytes(StandardCharsets.UTF_8), Errno.ENAMETOOLONG));

    /** One path-based call, given the path that carries the bad component. */
    @FunctionalInterface
    private interface PathCall {
        Object run(CaseEnv e, RemotePath p) throws Exception;
    }

    static void pathComponents(Section s) {
        op(s, "STAT", (e, p) -> e.fs().stat(p));
        op(s, "OPEN O_CREAT", (e, p) -> e.fs().open(p, O_CREAT | O_RDWR, 0644));
        op(s, "MKDIR", (e, p) -> e.fs().mkdir(p, 0755));
        op(s, "MKNOD", (e, p) -> e.fs().mknod(p, ProtocolConstants.S_IFIFO | 0600, 0, 0));
        op(s, "SYMLINK", (e, p) -> e.fs().symlink("f".getBytes(), p));
        op(s, "LINK old_path", (e, p) -> e.fs().link(p, e.path("g"), 0));
        op(s, "LINK new_path", (e, p) -> e.fs().link(e.path("f"), p, 0));
        op(s, "READLINK", (e, p) -> e.fs().readlink(p));
        op(s, "UNLINK", (e, p) -> e.fs().unlink(p, 0));
        op(s, "UNLINK AT_REMOVEDIR", (e, p) -> e.fs().unlink(p, ProtocolConstants.AT_REMOVEDIR));
        op(s, "RENAME old_path", (e, p) -> e.fs().rename(p, e.path("g"), 0));
        op(s, "RENAME new_path", (e, p) -> e.fs().rename(e.path("f"), p, 0));
        op(s, "SETATTR", (e, p) -> e.fs().setattr(p, AttrChange.none().withMode(0600)));
        op(s, "STATFS", (e, p) -> e.fs().statfs(p));
        op(s, "ACCESS", (e, p) -> {
            e.fs().access(p, ProtocolConstants.F_OK, 0);
            return null;
        });
        op(s, "GETXATTR", (e, p) -> e.fs().getxattr(p, "user.a"));
        op(s, "SETXATTR", (e, p) -> e.fs().setxattr(p, "user.a", new byte[] {1}, 0));
        op(s, "LISTXATTR", (e, p) -> e.fs().listxattr(p));
        op(s, "REMOVEXATTR", (e, p) -> e.fs().removexattr(p, "user.a"));
    }

    private static void op(Section s, String name, PathCall call) {
        s.add(name + ": empty, '/', NUL and 256-byte components get EINVAL or ENAMETOOLONG", e -> {
            e.write("f", "x");
            e.mkdir("d");
            for (Bad bad : COMPONENTS) {
                for (ResolveMode mode : ResolveMode.values()) {
                    for (boolean last : new boolean[] {true, false}) {
                        List<byte[]> comps = e.comps("");
                        comps.add(bad.name());
                        if (!last) {
                            comps.add("x".getBytes());
                        }
                        RemotePath p = RemotePath.of(comps).withMode(mode);
                        String where = bad.label() + " component " + (last ? "last" : "in the middle") + ", " + mode;
                        Check.within(where, () -> {
                            errno(bad.errno(), () -> call.run(e, p));
                            return null;
                        });
                    }
                }
            }
            eq("entries after the refused calls", List.of("d", "f"), e.names(""));
        });
    }

    static void exportNames(Section s) {
        s.add("MOUNT of an empty, '/', NUL or 256-byte export name gets ENOENT", e -> {
            for (byte[] name : List.of(new byte[0], "/".getBytes(), (e.target().export() + "\0").getBytes(),
                    e.target().export().repeat(256 / e.target().export().length() + 1).getBytes(),
                    ".".getBytes(), "..".getBytes())) {
                errno(Errno.ENOENT, () -> e.session().mount(name));
            }
        });
    }

    /** One xattr call on the file "f", by path or through a handle. */
    @FunctionalInterface
    private interface XattrCall {
        Object run(CaseEnv e, RemoteFile f, String name) throws Exception;
    }

    private record XattrOp(String label, XattrCall call) {}

    private static final List<XattrOp> XATTR_OPS = List.of(
            new XattrOp("GETXATTR", (e, f, n) -> e.fs().getxattr(e.p("f"), n)),
            new XattrOp("SETXATTR", (e, f, n) -> e.fs().setxattr(e.p("f"), n, new byte[] {1}, 0)),
            new XattrOp("REMOVEXATTR", (e, f, n) -> e.fs().removexattr(e.p("f"), n)),
            new XattrOp("FGETXATTR", (e, f, n) -> f.fgetxattr(n)),
            new XattrOp("FSETXATTR", (e, f, n) -> f.fsetxattr(n, new byte[] {1}, 0)),
            new XattrOp("FREMOVEXATTR", (e, f, n) -> f.fremovexattr(n)));

    static void xattrNames(Section s) {
        s.add("every xattr call with an empty name gets ERANGE", e -> xattrName(e, "", Errno.ERANGE));
        s.add("every xattr call with a 256-byte name gets ERANGE", e -> xattrName(e, "user." + "n".repeat(251), Errno.ERANGE));
        s.add("every xattr call with a NUL in the name gets EINVAL", e -> xattrName(e, "user.a\0b", Errno.EINVAL));
        s.add("xattr names of 255 bytes and names with '/' are accepted", e -> {
            e.write("f", "x");
            for (String name : List.of("user." + "n".repeat(250), "user.a/b")) {
                e.fs().setxattr(e.p("f"), name, "v".getBytes(), 0);
                eq("value of " + name, "v".getBytes(), e.fs().getxattr(e.p("f"), name));
                Check.isTrue(e.fs().listxattr(e.p("f")).contains(name), name + " listed");
                e.fs().removexattr(e.p("f"), name);
            }
        });
    }

    private static void xattrName(CaseEnv e, String name, Errno expected) throws Exception {
        e.write("f", "x");
        try (RemoteFile f = e.fs().open(e.p("f"), O_RDONLY)) {
            for (XattrOp op : XATTR_OPS) {
                Check.within(op.label(), () -> {
                    errno(expected, () -> op.call().run(e, f, name));
                    return null;
                });
            }
        }
    }

    static void symlinkTargets(Section s) {
        s.add("SYMLINK targets '/', '.', '..', 'a//b/' and one of 4095 bytes are stored verbatim", e -> {
            List<String> targets = List.of("/", ".", "..", "a//b/", "x".repeat(4095));
            for (int i = 0; i < targets.size(); i++) {
                e.fs().symlink(targets.get(i).getBytes(), e.path("l" + i));
                eq("target " + i, targets.get(i).getBytes(), e.fs().readlink(e.p("l" + i)));
            }
        });
    }
}
