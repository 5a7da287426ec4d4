package io.lisa4j.conformance.cases;

import static io.lisa4j.conformance.run.Check.eq;
import static io.lisa4j.conformance.run.Check.errno;
import static io.lisa4j.protocol.ProtocolConstants.O_APPEND;
import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_DIRECTORY;
import static io.lisa4j.protocol.ProtocolConstants.O_EXCL;
import static io.lisa4j.protocol.ProtocolConstants.O_PATH;
import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;
import static io.lisa4j.protocol.ProtocolConstants.O_RDWR;
import static io.lisa4j.protocol.ProtocolConstants.O_TRUNC;
import static io.lisa4j.protocol.ProtocolConstants.O_WRONLY;

import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.RemotePath;
import io.lisa4j.conformance.run.Case;
import io.lisa4j.conformance.run.CaseEnv;
import io.lisa4j.conformance.run.Check;
import io.lisa4j.conformance.run.ReadOnlyTree;
import io.lisa4j.conformance.run.Section;
import io.lisa4j.conformance.diff.AttrView;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.value.AttrChange;
import io.lisa4j.protocol.value.Timestamp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * §8.2.0 read-only exports, operation by operation, against --ro-export, on a tree of "file",
 * "dir" and "link" -> file in it (ReadOnlyFixture says where it comes from): every mutating call
 * gets EROFS, a read-only handle refuses writing as on any export, and afterwards the tree is
 * exactly as before.
 */
final class ReadOnlyCases {
    private ReadOnlyCases() {}

    /** A call on the read-only export. */
    @FunctionalInterface
    private interface RoCall {
        void run(RemoteFs ro, ReadOnlyTree t) throws Exception;
    }

    /** A call on a read-only handle of the tree's "file". */
    @FunctionalInterface
    private interface HandleCall {
        Object run(RemoteFile f) throws Exception;
    }

    static List<Case> cases() {
        return new Section("8.2.0")
                .add("read-only: OPEN with O_WRONLY, O_RDWR or O_APPEND|O_WRONLY of an existing file gets EROFS", e -> refused(e, (ro, t) -> {
                    for (int flags : new int[] {O_WRONLY, O_RDWR, O_WRONLY | O_APPEND}) {
                        errno(Errno.EROFS, () -> ro.open(t.p("file"), flags));
                    }
                }))
                .add("read-only: OPEN O_CREAT of a new name or an existing file gets EROFS", e -> refused(e, (ro, t) -> {
                    errno(Errno.EROFS, () -> ro.open(t.p("new"), O_CREAT | O_WRONLY, 0644));
                    errno(Errno.EROFS, () -> ro.open(t.p("new"), O_CREAT | O_EXCL | O_RDONLY, 0644));
                    errno(Errno.EROFS, () -> ro.open(t.p("file"), O_CREAT | O_RDONLY, 0644));
                }))
                .add("read-only: OPEN O_TRUNC, even read-only, gets EROFS", e -> refused(e, (ro, t) ->
                        errno(Errno.EROFS, () -> ro.open(t.p("file"), O_TRUNC | O_RDONLY))))
                .add("read-only: OPEN O_PATH ignores write access and O_TRUNC", e -> refused(e, (ro, t) -> {
                    try (RemoteFile f = ro.open(t.p("file"), O_PATH | O_RDWR | O_TRUNC)) {
                        eq("size", 9L, f.attr().size());
                    }
                }))
                .add("read-only: OPEN for reading and PREAD work", e -> refused(e, (ro, t) -> {
                    try (RemoteFile f = ro.open(t.p("file"), O_RDONLY)) {
                        eq("content", "read-only".getBytes(), f.pread(0, 100).data());
                    }
                }))
                .add("read-only: MKDIR gets EROFS", e -> refused(e, (ro, t) -> errno(Errno.EROFS, () -> ro.mkdir(t.p("new"), 0755))))
                .add("read-only: MKNOD gets EROFS", e -> refused(e, (ro, t) ->
                        errno(Errno.EROFS, () -> ro.mknod(t.p("new"), ProtocolConstants.S_IFIFO | 0600, 0, 0))))
                .add("read-only: SYMLINK gets EROFS", e -> refused(e, (ro, t) -> errno(Errno.EROFS, () -> ro.symlink("file", t.p("new")))))
                .add("read-only: LINK gets EROFS", e -> refused(e, (ro, t) -> errno(Errno.EROFS, () -> ro.link(t.p("file"), t.p("new")))))
                .add("read-only: UNLINK of a file, a symlink and a directory gets EROFS", e -> refused(e, (ro, t) -> {
                    errno(Errno.EROFS, () -> ro.unlink(t.p("file")));
                    errno(Errno.EROFS, () -> ro.unlink(t.p("link")));
                    errno(Errno.EROFS, () -> ro.rmdir(t.p("dir")));
                }))
                .add("read-only: RENAME, RENAME_NOREPLACE and RENAME_EXCHANGE get EROFS", e -> refused(e, (ro, t) -> {
                    errno(Errno.EROFS, () -> ro.rename(t.p("file"), t.p("new")));
                    errno(Errno.EROFS, () -> ro.rename(RemotePath.of(t.p("file")), RemotePath.of(t.p("new")),
                            ProtocolConstants.RENAME_NOREPLACE));
                    errno(Errno.EROFS, () -> ro.rename(RemotePath.of(t.p("file")), RemotePath.of(t.p("dir")),
                            ProtocolConstants.RENAME_EXCHANGE));
                }))
                .add("read-only: SETATTR of mode, size, owner or times gets EROFS; mask 0 succeeds", e -> refused(e, (ro, t) -> {
                    for (AttrChange c : List.of(AttrChange.none().withMode(0600), AttrChange.none().withSize(0),
                            AttrChange.none().withUid(-1), AttrChange.none().withMtime(new Timestamp(1, 0)),
                            AttrChange.none().withAtimeNow())) {
                        errno(Errno.EROFS, () -> ro.setattr(t.p("file"), c));
                    }
                    eq("size with mask 0", 9L, ro.setattr(t.p("file"), AttrChange.none()).attr().size());
                }))
                .add("read-only: SETXATTR gets EROFS", e -> refused(e, (ro, t) ->
                        errno(Errno.EROFS, () -> ro.setxattr(t.p("file"), "user.a", new byte[] {1}, 0))))
                .add("read-only: REMOVEXATTR gets EROFS", e -> refused(e, (ro, t) ->
                        errno(Errno.EROFS, () -> ro.removexattr(t.p("file"), "user.a"))))
                .add("read-only: PWRITE on a read-only handle gets EBADF", e -> onHandle(e, Errno.EBADF,
                        f -> f.pwrite(0, "x".getBytes())))
                .add("read-only: FTRUNCATE on a read-only handle gets EINVAL", e -> onHandle(e, Errno.EINVAL,
                        f -> f.ftruncate(0)))
                .add("read-only: FALLOCATE on a read-only handle gets EBADF", e -> onHandle(e, Errno.EBADF,
                        f -> f.fallocate(0, 0, 4096)))
                .add("read-only: FSETATTR with a non-zero mask gets EROFS; mask 0 succeeds", e -> {
                    onHandle(e, Errno.EROFS, f -> f.fsetattr(AttrChange.none().withMode(0600)));
                    onHandle(e, Errno.EROFS, f -> f.fsetattr(AttrChange.none().withMtimeNow()));
                    refused(e, (ro, t) -> {
                        try (RemoteFile f = ro.open(t.p("file"), O_RDONLY)) {
                            eq("size with mask 0", 9L, f.fsetattr(AttrChange.none()).attr().size());
                        }
                    });
                })
                .add("read-only: FSETXATTR gets EROFS", e -> onHandle(e, Errno.EROFS,
                        f -> f.fsetxattr("user.a", new byte[] {1}, 0)))
                .add("read-only: FREMOVEXATTR gets EROFS", e -> onHandle(e, Errno.EROFS, f -> f.fremovexattr("user.a")))
                .add("read-only: a directory handle refuses writes too", e -> refused(e, (ro, t) -> {
                    try (RemoteFile d = ro.open(t.p("dir"), O_RDONLY | O_DIRECTORY)) {
                        errno(Errno.EROFS, () -> d.fsetattr(AttrChange.none().withMode(0700)));
                        errno(Errno.EROFS, () -> d.fsetxattr("user.a", new byte[] {1}, 0));
                        errno(Errno.EROFS, () -> ro.mkdir(RemotePath.at(d, "new"), 0755));
                    }
                }))
                .cases();
    }

    private static void onHandle(CaseEnv e, Errno expected, HandleCall call) throws Exception {
        refused(e, (ro, t) -> {
            try (RemoteFile f = ro.open(t.p("file"), O_RDONLY)) {
                errno(expected, () -> call.run(f));
            }
        });
    }

    /** Runs {@code calls} on the read-only export and checks that it is unchanged afterwards. */
    private static void refused(CaseEnv e, RoCall calls) throws Exception {
        ReadOnlyTree t = e.roTree();
        RemoteFs ro = e.ro();
        List<String> before = describe(ro, t);
        calls.run(ro, t);
        Check.eq("the read-only tree afterwards", before, describe(ro, t));
    }

    /** Every entry of the export root with its deterministic attributes, content or target, and xattrs. */
    private static List<String> describe(RemoteFs ro, ReadOnlyTree t) throws IOException {
        List<String> out = new ArrayList<>();
        try (RemoteFile root = ro.open(t.dir(), O_RDONLY | O_DIRECTORY, 0)) {
            for (var entry : root.getdents(0, 0, true).entries()) {
                String name = new String(entry.name(), StandardCharsets.UTF_8);
                out.add(name + " " + AttrView.of(entry.attr()) + " mtime=" + entry.attr().mtime());
            }
        }
        out.sort(null);
        try (RemoteFile f = ro.open(t.p("file"), O_RDONLY)) {
            out.add("file " + new String(f.pread(0, 100).data(), StandardCharsets.UTF_8) + " " + ro.listxattr(t.p("file")));
        }
        out.add("link -> " + new String(ro.readlink(t.p("link")), StandardCharsets.UTF_8));
        return out;
    }
}
