package io.lisa4j.conformance.cases;

import static io.lisa4j.conformance.run.Check.eq;
import static io.lisa4j.conformance.run.Check.errno;
import static io.lisa4j.conformance.run.Check.isTrue;
import static io.lisa4j.conformance.run.Check.stopped;
import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_DIRECTORY;
import static io.lisa4j.protocol.ProtocolConstants.O_EXCL;
import static io.lisa4j.protocol.ProtocolConstants.O_NOFOLLOW;
import static io.lisa4j.protocol.ProtocolConstants.O_PATH;
import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;
import static io.lisa4j.protocol.ProtocolConstants.O_WRONLY;

import com.google.flatbuffers.FlatBufferBuilder;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.RemotePath;
import io.lisa4j.conformance.run.Case;
import io.lisa4j.conformance.run.CaseEnv;
import io.lisa4j.conformance.run.CaseSkipped;
import io.lisa4j.conformance.run.Section;
import io.lisa4j.conformance.wire.WireClient;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.StoppedException.Reason;
import io.lisa4j.protocol.codec.WireValues;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.fb.StatRequest;
import io.lisa4j.protocol.value.AttrChange;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.ResolveMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** §6 paths (PathRef, walking, the two resolve modes, the final component) and §7 handles. */
final class PathCases {
    private PathCases() {}

    static List<Case> cases() {
        List<Case> all = new ArrayList<>();
        Section pathRef = new Section("6.1")
                .add("an empty component gets EINVAL", e -> badComponent(e, "", Errno.EINVAL))
                .add("a component containing '/' gets EINVAL", e -> badComponent(e, "a/b", Errno.EINVAL))
                .add("a component containing NUL gets EINVAL", e -> badComponent(e, "a\0b", Errno.EINVAL))
                .add("a component longer than max_name_length gets ENAMETOOLONG",
                        e -> badComponent(e, "n".repeat(256), Errno.ENAMETOOLONG))
                .add("a component of exactly max_name_length bytes is walked", PathCases::maxNameLength)
                .add("more than max_components components gets ENAMETOOLONG", PathCases::tooManyComponents)
                .add("an unknown resolve mode gets EINVAL", PathCases::unknownMode)
                .add("an unknown base handle gets EBADF", PathCases::unknownBase)
                .add("a non-directory base with a path gets ENOTDIR", PathCases::fileBase)
                .add("a file base with an empty path names the file", PathCases::fileBaseEmptyPath)
                .add("an O_PATH directory handle works as a base", PathCases::oPathBase)
                .add("an empty path names the export root", PathCases::emptyPathRoot);
        BadNameCases.pathComponents(pathRef);
        all.addAll(pathRef.cases());
        all.addAll(new Section("6.2")
                .add("'.' leaves the position unchanged", e -> sameIno(e, "d/./f", "d/f"))
                .add("'..' moves to the parent", e -> sameIno(e, "d/sub/..", "d"))
                .add("a non-directory in the middle gets ENOTDIR", PathCases::notDirInMiddle)
                .add("a missing directory in the middle gets ENOENT", PathCases::missingInMiddle)
                .add("'..' from a base handle reaches its parent", PathCases::dotDotFromBase)
                .add("a directory without search permission gets EACCES", PathCases::noSearch)
                .cases());
        all.addAll(new Section("6.3")
                .add("a symlink in the middle stops with its index and target", PathCases::stopMiddle)
                .add("a final symlink of a following operation stops", PathCases::stopFinal)
                .add("a final symlink with nofollow is reported itself", PathCases::stopNofollow)
                .add("'..' above the export root stops with AboveRoot", PathCases::stopAboveRoot)
                .add("'..' within the export does not stop", e -> sameIno(e.stop(), e, "d/sub/../f", "d/f"))
                .add("RENAME numbers new_path's components after old_path's", PathCases::stopSecondPath)
                .add("LINK numbers new_path's components after old_path's", PathCases::stopSecondPathLink)
                .add("a stopped request changes nothing", PathCases::stopNoEffect)
                .add("an absolute target is reported verbatim", PathCases::stopAbsoluteTarget)
                .cases());
        all.addAll(new Section("6.4")
                .add("a relative symlink is followed from its directory", PathCases::inRootRelative)
                .add("an absolute symlink restarts at the export root", PathCases::inRootAbsolute)
                .add("'..' at the export root stays at the root", PathCases::inRootDotDotClamp)
                .add("a symlink full of '..' is clamped at the root", PathCases::inRootLinkClamp)
                .add("a two-symlink loop gets ELOOP", PathCases::loop)
                .add("a self-referencing symlink gets ELOOP", PathCases::selfLoop)
                .add("a chain of 40 symlinks resolves", e -> chain(e, 40, null))
                .add("a chain of 41 symlinks gets ELOOP", e -> chain(e, 41, Errno.ELOOP))
                .add("a dangling symlink gets ENOENT", PathCases::dangling)
                .add("a symlink to a directory works in the middle", e -> {
                    e.fs().symlink("d", e.p("ld"));
                    sameIno(e, "ld/f", "d/f");
                })
                .cases());
        all.addAll(new Section("6.5")
                .add("STAT follows a final symlink, nofollow does not", PathCases::statFollows)
                .add("ACCESS follows unless AT_SYMLINK_NOFOLLOW", PathCases::accessFollow)
                .add("OPEN O_NOFOLLOW on a symlink gets ELOOP", e -> {
                    e.write("f", "x");
                    e.fs().symlink("f", e.p("l"));
                    errno(Errno.ELOOP, () -> e.fs().open(e.p("l"), O_RDONLY | O_NOFOLLOW));
                })
                .add("OPEN O_PATH|O_NOFOLLOW opens the symlink itself", PathCases::oPathSymlink)
                .add("O_CREAT|O_EXCL on a dangling symlink gets EEXIST and creates nothing", PathCases::exclOnSymlink)
                .add("MKDIR on a dangling symlink gets EEXIST and creates nothing", PathCases::mkdirOnSymlink)
                .add("LINK links a symlink itself unless follow", PathCases::linkFollow)
                .add("UNLINK removes the symlink, not its target", PathCases::unlinkSymlink)
                .add("RENAME moves the symlink, not its target", PathCases::renameSymlink)
                .add("a final '.' or '..' in MKDIR, MKNOD, SYMLINK, LINK gets EEXIST", PathCases::finalDotsCreate)
                .add("a final '.' or '..' in UNLINK: EISDIR, EINVAL, ENOTEMPTY", PathCases::finalDotsUnlink)
                .add("a final '.' or '..' in RENAME gets EBUSY", PathCases::finalDotsRename)
                .cases());
        all.addAll(new Section("7")
                .add("handles are non-zero, unique and never reused", PathCases::handlesUnique)
                .add("a closed handle gets EBADF", e -> {
                    e.write("f", "x");
                    RemoteFile f = e.fs().open(e.p("f"), O_RDONLY);
                    long h = f.handle();
                    e.fs().closeAll(f);
                    rawFstat(e, e.fs().fsid(), h, "FSTAT after CLOSE");
                })
                .add("a handle used with another fsid gets EBADF", PathCases::otherFsid)
                .add("a handle of an unmounted fsid is gone", PathCases::afterUmount)
                .add("a handle of another connection gets EBADF", PathCases::otherConnection)
                .add("O_PATH handles refuse PREAD and PWRITE with EBADF", PathCases::oPathIo)
                .add("PWRITE on a read-only handle gets EBADF", e -> {
                    e.write("f", "x");
                    try (RemoteFile f = e.fs().open(e.p("f"), O_RDONLY)) {
                        errno(Errno.EBADF, () -> f.pwrite(0, new byte[1]));
                    }
                })
                .add("PREAD on a write-only handle gets EBADF", e -> {
                    e.write("f", "x");
                    try (RemoteFile f = e.fs().open(e.p("f"), O_WRONLY)) {
                        errno(Errno.EBADF, () -> f.pread(0, 1));
                    }
                })
                .add("GETDENTS on a file gets ENOTDIR", e -> {
                    e.write("f", "x");
                    try (RemoteFile f = e.fs().open(e.p("f"), O_RDONLY)) {
                        errno(Errno.ENOTDIR, () -> f.getdents(0, 0, false));
                    }
                })
                .cases());
        return all;
    }

    // ------------------------------------------------------------ helpers

    static void rawFstat(CaseEnv e, int fsid, long handle, String what) throws IOException {
        RawSession.expect(e.session(), Opcode.Fstat, fsid, io.lisa4j.protocol.message.RequestBodies.handle(handle),
                Errno.EBADF, what);
    }

    static void sameIno(CaseEnv e, String a, String b) throws IOException {
        sameIno(e.fs(), e, a, b);
    }

    static void sameIno(RemoteFs fs, CaseEnv e, String a, String b) throws IOException {
        e.mkdir("d");
        e.mkdir("d/sub");
        e.write("d/f", "x");
        eq("ino of " + a, e.fs().stat(e.p(b)).ino(), fs.stat(e.p(a)).ino());
    }

    static void badComponent(CaseEnv e, String name, Errno expected) {
        errno(expected, () -> e.fs().stat(e.path("", name)));
        errno(expected, () -> e.stop().stat(e.path("", name)));
    }

    static void maxNameLength(CaseEnv e) throws IOException {
        String n = "n".repeat(255);
        errno(Errno.ENOENT, () -> e.fs().stat(e.path("", n)));
        e.fs().mkdir(e.path("", n), 0755);
        isTrue(e.fs().stat(e.path("", n)).isDirectory(), "a directory with a 255-byte name");
    }

    static void tooManyComponents(CaseEnv e) throws IOException {
        int max = e.session().negotiated().maxComponents();
        List<byte[]> ok = new ArrayList<>(Collections.nCopies(max, ".".getBytes()));
        eq("ino of max_components '.'", e.fs().rootAttr().ino(), e.fs().stat(RemotePath.of(ok)).ino());
        List<byte[]> tooMany = new ArrayList<>(Collections.nCopies(max + 1, ".".getBytes()));
        errno(Errno.ENAMETOOLONG, () -> e.fs().stat(RemotePath.of(tooMany)));
    }

    static void unknownMode(CaseEnv e) throws IOException {
        WireClient w = e.wire();
        int fsid = w.mount(e.target().export());
        FlatBufferBuilder b = new FlatBufferBuilder(128);
        int p = WireValues.pathRef(b, 0, e.comps(""), 2);
        b.finish(StatRequest.createStatRequest(b, p, false));
        WireCases.expectStatus(w.call(Opcode.Stat, fsid, b.dataBuffer()), Errno.EINVAL.number(), "STAT with mode 2");
    }

    static void unknownBase(CaseEnv e) throws IOException {
        WireClient w = e.wire();
        int fsid = w.mount(e.target().export());
        ByteBuffer body = io.lisa4j.protocol.message.RequestBodies.stat(
                new io.lisa4j.protocol.value.PathSpec(0x7fff_0000_0001L, List.of(), ResolveMode.IN_ROOT), false);
        WireCases.expectStatus(w.call(Opcode.Stat, fsid, body), Errno.EBADF.number(), "STAT from an unknown base");
    }

    static void fileBase(CaseEnv e) throws IOException {
        e.write("f", "x");
        try (RemoteFile f = e.fs().open(e.p("f"), O_RDONLY)) {
            errno(Errno.ENOTDIR, () -> e.fs().stat(RemotePath.at(f, "x")));
        }
    }

    static void fileBaseEmptyPath(CaseEnv e) throws IOException {
        e.write("f", "hello");
        try (RemoteFile f = e.fs().open(e.p("f"), O_RDONLY)) {
            FileAttr a = e.fs().stat(RemotePath.at(f, ""));
            eq("ino", f.attr().ino(), a.ino());
            eq("size", 5L, a.size());
        }
    }

    static void oPathBase(CaseEnv e) throws IOException {
        e.mkdir("d");
        e.write("d/f", "x");
        try (RemoteFile d = e.fs().open(e.p("d"), O_PATH | O_DIRECTORY)) {
            eq("ino", e.fs().stat(e.p("d/f")).ino(), e.fs().stat(RemotePath.at(d, "f")).ino());
        }
    }

    static void emptyPathRoot(CaseEnv e) throws IOException {
        FileAttr root = e.fs().stat(RemotePath.root());
        eq("ino", e.fs().rootAttr().ino(), root.ino());
        isTrue(root.isDirectory(), "the root to be a directory");
        if (e.target().local()) {
            io.lisa4j.conformance.run.Kernel.matches("root", io.lisa4j.conformance.run.Kernel.lstat(
                    e.target().exportPath()), root);
        }
    }

    static void notDirInMiddle(CaseEnv e) throws IOException {
        e.write("f", "x");
        errno(Errno.ENOTDIR, () -> e.fs().stat(e.p("f/x")));
    }

    static void missingInMiddle(CaseEnv e) {
        errno(Errno.ENOENT, () -> e.fs().stat(e.p("nope/x")));
    }

    static void dotDotFromBase(CaseEnv e) throws IOException {
        e.mkdir("d");
        e.mkdir("d/sub");
        e.write("d/f", "x");
        try (RemoteFile sub = e.fs().open(e.p("d/sub"), O_RDONLY | O_DIRECTORY)) {
            eq("ino", e.fs().stat(e.p("d/f")).ino(), e.fs().stat(RemotePath.at(sub, "../f")).ino());
        }
    }

    static void noSearch(CaseEnv e) throws IOException {
        e.mkdir("d");
        e.write("d/f", "x");
        if (e.fs().stat(e.p("d")).uid() == 0) {
            throw new CaseSkipped("the server runs as root, which has search permission everywhere");
        }
        e.fs().setattr(e.p("d"), AttrChange.none().withMode(0));
        try {
            errno(Errno.EACCES, () -> e.fs().stat(e.p("d/f")));
        } finally {
            e.fs().setattr(e.p("d"), AttrChange.none().withMode(0755));
        }
    }

    static void stopMiddle(CaseEnv e) throws IOException {
        e.mkdir("d");
        e.fs().symlink("d", e.p("l"));
        var s = stopped(Reason.SYMLINK, e.depth(), () -> e.stop().stat(e.p("l/f")));
        eq("target", "d".getBytes(), s.target());
    }

    static void stopFinal(CaseEnv e) throws IOException {
        e.write("f", "x");
        e.fs().symlink("f", e.p("l"));
        stopped(Reason.SYMLINK, e.depth(), () -> e.stop().stat(e.p("l")));
        stopped(Reason.SYMLINK, e.depth(), () -> e.stop().open(e.p("l"), O_RDONLY));
    }

    static void stopNofollow(CaseEnv e) throws IOException {
        e.fs().symlink("f", e.p("l"));
        isTrue(e.stop().lstat(e.p("l")).isSymlink(), "lstat in Stop mode to report the symlink");
    }

    static void stopAboveRoot(CaseEnv e) {
        int d = e.depth();
        List<byte[]> comps = e.comps("");
        for (int i = 0; i <= d; i++) {
            comps.add("..".getBytes());
        }
        comps.add("etc".getBytes());
        stopped(Reason.ABOVE_ROOT, 2 * d, () -> e.stop().stat(RemotePath.of(comps)));
    }

    static void stopSecondPath(CaseEnv e) throws IOException {
        e.write("a", "x");
        e.mkdir("d");
        e.fs().symlink("d", e.p("l"));
        int n = e.depth() + 1;
        stopped(Reason.SYMLINK, n + e.depth(), () -> e.stop().rename(e.path("a"), e.path("l/b"), 0));
        eq("a is still there", "x", e.read("a"));
    }

    static void stopSecondPathLink(CaseEnv e) throws IOException {
        e.write("a", "x");
        e.mkdir("d");
        e.fs().symlink("d", e.p("l"));
        int n = e.depth() + 1;
        stopped(Reason.SYMLINK, n + e.depth(), () -> e.stop().link(e.path("a"), e.path("l/b"), 0));
        errno(Errno.ENOENT, () -> e.fs().stat(e.p("d/b")));
    }

    static void stopNoEffect(CaseEnv e) throws IOException {
        e.mkdir("d");
        e.fs().symlink("d", e.p("l"));
        stopped(Reason.SYMLINK, e.depth(), () -> e.stop().mkdir(e.p("l/new"), 0755));
        stopped(Reason.SYMLINK, e.depth(), () -> e.stop().open(e.p("l/new"), O_CREAT | O_WRONLY, 0644));
        errno(Errno.ENOENT, () -> e.fs().lstat(e.p("d/new")));
    }

    static void stopAbsoluteTarget(CaseEnv e) throws IOException {
        byte[] target = "/../x/./y/..".getBytes();
        e.fs().symlink(target, e.path("l"));
        eq("target", target, stopped(Reason.SYMLINK, e.depth(), () -> e.stop().stat(e.path("l", "z"))).target());
    }

    static void inRootRelative(CaseEnv e) throws IOException {
        e.mkdir("d");
        e.write("f", "x");
        e.fs().symlink("../f", e.p("d/l"));
        eq("ino", e.fs().stat(e.p("f")).ino(), e.fs().stat(e.p("d/l")).ino());
    }

    static void inRootAbsolute(CaseEnv e) throws IOException {
        e.write("f", "x");
        e.fs().symlink("/" + e.p("f"), e.p("l"));
        eq("ino", e.fs().stat(e.p("f")).ino(), e.fs().stat(e.p("l")).ino());
    }

    static void inRootDotDotClamp(CaseEnv e) throws IOException {
        List<byte[]> comps = new ArrayList<>(Collections.nCopies(e.depth() + 5, "..".getBytes()));
        eq("ino of ../../..", e.fs().rootAttr().ino(), e.fs().stat(RemotePath.of(comps)).ino());
        comps.addAll(e.comps(""));
        eq("ino of ../../../<case dir>", e.fs().stat(e.p("")).ino(), e.fs().stat(RemotePath.of(comps)).ino());
    }

    static void inRootLinkClamp(CaseEnv e) throws IOException {
        e.write("f", "x");
        e.fs().symlink("../".repeat(e.depth() + 8) + e.p("f"), e.p("l"));
        eq("ino", e.fs().stat(e.p("f")).ino(), e.fs().stat(e.p("l")).ino());
    }

    static void loop(CaseEnv e) throws IOException {
        e.fs().symlink("b", e.p("a"));
        e.fs().symlink("a", e.p("b"));
        errno(Errno.ELOOP, () -> e.fs().stat(e.p("a")));
        errno(Errno.ELOOP, () -> e.fs().stat(e.p("a/x")));
    }

    static void selfLoop(CaseEnv e) throws IOException {
        e.fs().symlink("s", e.p("s"));
        errno(Errno.ELOOP, () -> e.fs().stat(e.p("s")));
        errno(Errno.ELOOP, () -> e.fs().open(e.p("s"), O_RDONLY));
    }

    static void chain(CaseEnv e, int links, Errno expected) throws IOException {
        e.write("f", "x");
        e.fs().symlink("f", e.p("l1"));
        for (int i = 2; i <= links; i++) {
            e.fs().symlink("l" + (i - 1), e.p("l" + i));
        }
        if (expected == null) {
            eq("ino", e.fs().stat(e.p("f")).ino(), e.fs().stat(e.p("l" + links)).ino());
        } else {
            errno(expected, () -> e.fs().stat(e.p("l" + links)));
        }
    }

    static void dangling(CaseEnv e) throws IOException {
        e.fs().symlink("nowhere", e.p("l"));
        errno(Errno.ENOENT, () -> e.fs().stat(e.p("l")));
    }

    static void statFollows(CaseEnv e) throws IOException {
        e.write("f", "x");
        e.fs().symlink("f", e.p("l"));
        isTrue(e.fs().stat(e.p("l")).isRegularFile(), "STAT to follow the symlink");
        FileAttr l = e.fs().lstat(e.p("l"));
        isTrue(l.isSymlink(), "nofollow STAT to report the symlink");
        eq("symlink size", 1L, l.size());
        e.matchesKernel("symlink", "l", l);
    }

    static void accessFollow(CaseEnv e) throws IOException {
        e.fs().symlink("nowhere", e.p("l"));
        errno(Errno.ENOENT, () -> { e.fs().access(e.path("l"), 0, 0); return null; });
        e.fs().access(e.path("l"), 0, ProtocolConstants.AT_SYMLINK_NOFOLLOW);
    }

    static void oPathSymlink(CaseEnv e) throws IOException {
        e.fs().symlink("nowhere", e.p("l"));
        try (RemoteFile f = e.fs().open(e.p("l"), O_PATH | O_NOFOLLOW)) {
            isTrue(f.fstat().isSymlink(), "the handle to be the symlink");
            eq("freadlink", "nowhere".getBytes(), f.freadlink());
        }
    }

    static void exclOnSymlink(CaseEnv e) throws IOException {
        e.fs().symlink("target", e.p("l"));
        errno(Errno.EEXIST, () -> e.fs().open(e.p("l"), O_CREAT | O_EXCL | O_WRONLY, 0644));
        errno(Errno.ENOENT, () -> e.fs().lstat(e.p("target")));
    }

    static void mkdirOnSymlink(CaseEnv e) throws IOException {
        e.fs().symlink("target", e.p("l"));
        errno(Errno.EEXIST, () -> e.fs().mkdir(e.p("l"), 0755));
        errno(Errno.ENOENT, () -> e.fs().lstat(e.p("target")));
    }

    static void linkFollow(CaseEnv e) throws IOException {
        e.write("f", "x");
        e.fs().symlink("f", e.p("l"));
        e.fs().link(e.path("l"), e.path("nofollow"), 0);
        isTrue(e.fs().lstat(e.p("nofollow")).isSymlink(), "LINK without follow to link the symlink");
        e.fs().link(e.path("l"), e.path("follow"), ProtocolConstants.AT_SYMLINK_FOLLOW);
        eq("ino with follow", e.fs().stat(e.p("f")).ino(), e.fs().lstat(e.p("follow")).ino());
    }

    static void unlinkSymlink(CaseEnv e) throws IOException {
        e.write("f", "x");
        e.fs().symlink("f", e.p("l"));
        e.fs().unlink(e.p("l"));
        eq("target content", "x", e.read("f"));
        errno(Errno.ENOENT, () -> e.fs().lstat(e.p("l")));
    }

    static void renameSymlink(CaseEnv e) throws IOException {
        e.write("f", "x");
        e.fs().symlink("f", e.p("l"));
        e.fs().rename(e.p("l"), e.p("m"));
        isTrue(e.fs().lstat(e.p("m")).isSymlink(), "m to be the symlink");
        eq("target content", "x", e.read("f"));
    }

    static void finalDotsCreate(CaseEnv e) throws IOException {
        e.write("f", "x");
        e.mkdir("d");
        for (String dot : new String[] {".", ".."}) {
            errno(Errno.EEXIST, () -> e.fs().mkdir(e.path("d", dot), 0755));
            errno(Errno.EEXIST, () -> e.fs().mknod(e.path("d", dot), ProtocolConstants.S_IFIFO | 0644, 0, 0));
            errno(Errno.EEXIST, () -> e.fs().symlink("x".getBytes(), e.path("d", dot)));
            errno(Errno.EEXIST, () -> e.fs().link(e.path("f"), e.path("d", dot), 0));
        }
    }

    static void finalDotsUnlink(CaseEnv e) throws IOException {
        e.mkdir("d");
        e.mkdir("d/sub");
        errno(Errno.EISDIR, () -> e.fs().unlink(e.path("d/sub", "."), 0));
        errno(Errno.EISDIR, () -> e.fs().unlink(e.path("d/sub", ".."), 0));
        errno(Errno.EINVAL, () -> e.fs().unlink(e.path("d/sub", "."), ProtocolConstants.AT_REMOVEDIR));
        errno(Errno.ENOTEMPTY, () -> e.fs().unlink(e.path("d/sub", ".."), ProtocolConstants.AT_REMOVEDIR));
    }

    static void finalDotsRename(CaseEnv e) throws IOException {
        e.mkdir("d");
        e.mkdir("e");
        errno(Errno.EBUSY, () -> e.fs().rename(e.path("d", "."), e.path("x"), 0));
        errno(Errno.EBUSY, () -> e.fs().rename(e.path("e"), e.path("d", ".."), 0));
    }

    static void handlesUnique(CaseEnv e) throws IOException {
        e.write("f", "x");
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            RemoteFile f = e.fs().open(e.p("f"), O_RDONLY);
            isTrue(f.handle() != 0, "a non-zero handle");
            isTrue(seen.add(f.handle()), "a handle never seen before, got " + f.handle() + " again");
            f.close();
        }
    }

    static void otherFsid(CaseEnv e) throws IOException {
        e.write("f", "x");
        RemoteFs other = e.remount();
        isTrue(other.fsid() != e.fs().fsid(), "a second MOUNT to give another fsid");
        try (RemoteFile f = e.fs().open(e.p("f"), O_RDONLY)) {
            rawFstat(e, other.fsid(), f.handle(), "FSTAT of a handle under another fsid");
            errno(Errno.EBADF, () -> other.stat(RemotePath.at(f, "")));
        }
    }

    static void afterUmount(CaseEnv e) throws IOException {
        e.write("f", "x");
        RemoteFs other = e.remount();
        RemoteFile f = other.open(e.p("f"), O_RDONLY);
        other.umount();
        errno(Errno.ENODEV, f::fstat);
        rawFstat(e, e.fs().fsid(), f.handle(), "FSTAT of the unmounted fsid's handle under a live fsid");
    }

    static void otherConnection(CaseEnv e) throws IOException {
        e.write("f", "x");
        try (RemoteFile f = e.fs().open(e.p("f"), O_RDONLY)) {
            WireClient w = e.wire();
            int fsid = w.mount(e.target().export());
            WireCases.expectStatus(w.call(Opcode.Fstat, fsid, io.lisa4j.protocol.message.RequestBodies.handle(f.handle())),
                    Errno.EBADF.number(), "FSTAT of another connection's handle");
        }
    }

    static void oPathIo(CaseEnv e) throws IOException {
        e.write("f", "x");
        try (RemoteFile f = e.fs().open(e.p("f"), O_PATH)) {
            errno(Errno.EBADF, () -> f.pread(0, 1));
            errno(Errno.EBADF, () -> f.pwrite(0, new byte[1]));
            eq("fstat size", 1L, f.fstat().size());
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
