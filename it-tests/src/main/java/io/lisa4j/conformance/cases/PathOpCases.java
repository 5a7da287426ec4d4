package io.lisa4j.conformance.cases;

import static io.lisa4j.conformance.run.Check.eq;
import static io.lisa4j.conformance.run.Check.errno;
import static io.lisa4j.conformance.run.Check.isTrue;
import static io.lisa4j.protocol.ProtocolConstants.AT_REMOVEDIR;
import static io.lisa4j.protocol.ProtocolConstants.O_APPEND;
import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_DIRECTORY;
import static io.lisa4j.protocol.ProtocolConstants.O_EXCL;
import static io.lisa4j.protocol.ProtocolConstants.O_PATH;
import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;
import static io.lisa4j.protocol.ProtocolConstants.O_RDWR;
import static io.lisa4j.protocol.ProtocolConstants.O_TRUNC;
import static io.lisa4j.protocol.ProtocolConstants.O_WRONLY;
import static io.lisa4j.protocol.ProtocolConstants.S_IFCHR;
import static io.lisa4j.protocol.ProtocolConstants.S_IFDIR;
import static io.lisa4j.protocol.ProtocolConstants.S_IFIFO;
import static io.lisa4j.protocol.ProtocolConstants.S_IFLNK;
import static io.lisa4j.protocol.ProtocolConstants.S_IFREG;
import static io.lisa4j.protocol.ProtocolConstants.S_IFSOCK;

import io.lisa4j.client.EntryResult;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.RemotePath;
import io.lisa4j.client.RenameResult;
import io.lisa4j.conformance.run.Case;
import io.lisa4j.conformance.run.CaseEnv;
import io.lisa4j.conformance.run.Section;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.message.RequestBodies;
import io.lisa4j.protocol.value.FileAttr;

import io.lisa4j.protocol.value.ResolveMode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** §8.1 session messages and §8.2.1–§8.2.9: STAT, OPEN and the calls that create or remove entries. */
final class PathOpCases {
    private PathOpCases() {}

    static List<Case> cases() {
        List<Case> all = new ArrayList<>();
        Section session = new Section("8.1")
                .add("MOUNT gives a non-zero fsid and the root's attributes", PathOpCases::mount)
                .add("MOUNT of an unknown export gets ENOENT", e -> errno(Errno.ENOENT, () -> e.session().mount("no-such-export-" + e.dir().hashCode())))
                .add("MOUNT names are looked up among exports, never as host paths", e -> {
                    errno(Errno.ENOENT, () -> e.session().mount("/"));
                    errno(Errno.ENOENT, () -> e.session().mount("../" + e.target().export()));
                    errno(Errno.ENOENT, () -> e.session().mount(e.target().export() + "/.."));
                })
                .add("mounting the same export twice gives two fsids", e -> {
                    RemoteFs other = e.remount();
                    isTrue(other.fsid() != e.fs().fsid() && other.fsid() != 0, "two distinct non-zero fsids");
                    eq("same root", e.fs().rootAttr().ino(), other.stat(RemotePath.root()).ino());
                })
                .add("UMOUNT makes the fsid unknown (ENODEV)", e -> {
                    RemoteFs other = e.remount();
                    other.umount();
                    errno(Errno.ENODEV, () -> other.stat(RemotePath.root()));
                })
                .add("PING succeeds", e -> e.session().ping())
                .add("MOUNT of the read-only export says read_only", e -> isTrue(e.ro().readOnly(), "read_only true"));
        BadNameCases.exportNames(session);
        all.addAll(session.cases());
        all.addAll(new Section("8.2.1")
                .add("STAT of a file matches the kernel", e -> {
                    e.write("f", "hello");
                    FileAttr a = e.fs().stat(e.p("f"));
                    eq("size", 5L, a.size());
                    e.matchesKernel("file", "f", a);
                })
                .add("STAT of a directory, a symlink and a FIFO matches the kernel", e -> {
                    e.mkdir("d");
                    e.fs().symlink("d", e.p("l"));
                    e.fs().mknod(e.p("p"), S_IFIFO | 0600, 0, 0);
                    e.matchesKernel("directory", "d", e.fs().stat(e.p("d")));
                    e.matchesKernel("symlink", "l", e.fs().lstat(e.p("l")));
                    e.matchesKernel("fifo", "p", e.fs().stat(e.p("p")));
                })
                .add("STAT of a missing name gets ENOENT", e -> errno(Errno.ENOENT, () -> e.fs().stat(e.p("missing"))))
                .add("Attr fills the basic statx fields", e -> {
                    e.write("f", "x");
                    int mask = e.fs().stat(e.p("f")).mask();
                    eq("STATX_TYPE|STATX_MODE", 3, mask & 3);
                })
                .add("STAT carries nanoseconds", e -> {
                    e.write("f", "x");
                    e.fs().setattr(e.p("f"), io.lisa4j.protocol.value.AttrChange.none()
                            .withMtime(new io.lisa4j.protocol.value.Timestamp(1_500_000_000L, 123_456_789)));
                    eq("mtime", new io.lisa4j.protocol.value.Timestamp(1_500_000_000L, 123_456_789),
                            e.fs().stat(e.p("f")).mtime());
                })
                .cases());
        all.addAll(new Section("8.2.2")
                .add("OPEN an existing file: attributes, not created", e -> {
                    e.write("f", "abc");
                    try (RemoteFile f = e.fs().open(e.p("f"), O_RDONLY)) {
                        isTrue(!f.created(), "created false");
                        isTrue(f.parent() == null, "parent absent");
                        e.matchesKernel("opened file", "f", f.attr());
                    }
                })
                .add("OPEN O_CREAT creates with the exact mode and returns the parent", e -> {
                    try (RemoteFile f = e.fs().open(e.p("n"), O_CREAT | O_WRONLY, 0640)) {
                        isTrue(f.created(), "created true");
                        eq("mode", Integer.toOctalString(S_IFREG | 0640), Integer.toOctalString(f.attr().mode()));
                        e.matchesKernel("created file", "n", f.attr());
                        e.matchesKernel("parent", "", f.parent());
                    }
                })
                .add("OPEN O_CREAT of an existing file opens it", e -> {
                    e.write("f", "abc");
                    try (RemoteFile f = e.fs().open(e.p("f"), O_CREAT | O_RDWR, 0600)) {
                        isTrue(!f.created(), "created false");
                        eq("size", 3L, f.attr().size());
                    }
                })
                .add("OPEN O_CREAT|O_EXCL of an existing file gets EEXIST", e -> {
                    e.write("f", "abc");
                    errno(Errno.EEXIST, () -> e.fs().open(e.p("f"), O_CREAT | O_EXCL | O_WRONLY, 0600));
                })
                .add("OPEN of a missing file gets ENOENT", e -> errno(Errno.ENOENT, () -> e.fs().open(e.p("m"), O_RDONLY)))
                .add("OPEN O_TRUNC empties the file", e -> {
                    e.write("f", "abc");
                    try (RemoteFile f = e.fs().open(e.p("f"), O_WRONLY | O_TRUNC)) {
                        eq("size", 0L, f.attr().size());
                    }
                    e.matchesKernel("truncated", "f", e.fs().stat(e.p("f")));
                })
                .add("OPEN O_APPEND writes at the end whatever the offset", e -> {
                    e.write("f", "abc");
                    try (RemoteFile f = e.fs().open(e.p("f"), O_WRONLY | O_APPEND)) {
                        eq("size after append", 5L, f.pwrite(0, "de".getBytes()).attr().size());
                    }
                    eq("content", "abcde", e.read("f"));
                })
                .add("OPEN O_DIRECTORY of a file gets ENOTDIR", e -> {
                    e.write("f", "x");
                    errno(Errno.ENOTDIR, () -> e.fs().open(e.p("f"), O_RDONLY | O_DIRECTORY));
                })
                .add("OPEN of a directory for writing gets EISDIR", e -> {
                    e.mkdir("d");
                    errno(Errno.EISDIR, () -> e.fs().open(e.p("d"), O_WRONLY));
                    errno(Errno.EISDIR, () -> e.fs().open(e.p("d"), O_RDWR | O_TRUNC));
                    errno(Errno.EISDIR, () -> e.fs().open(e.p("d"), O_CREAT | O_RDONLY, 0644));
                })
                .add("OPEN with access mode 3 gets EINVAL", e -> {
                    e.write("f", "x");
                    errno(Errno.EINVAL, () -> e.fs().open(e.p("f"), 3));
                })
                .add("OPEN with an undefined flag gets EINVAL", e -> {
                    e.write("f", "x");
                    errno(Errno.EINVAL, () -> e.fs().open(e.p("f"), O_RDONLY | 0x4000000));
                })
                .add("OPEN O_CREAT|O_DIRECTORY gets EINVAL", e -> errno(Errno.EINVAL,
                        () -> e.fs().open(e.p("n"), O_CREAT | O_DIRECTORY | O_RDONLY, 0755)))
                .add("OPEN O_TMPFILE gets EOPNOTSUPP", e -> errno(Errno.EOPNOTSUPP,
                        () -> e.fs().open(e.p(""), ProtocolConstants.O_TMPFILE | O_RDWR, 0600)))
                .add("OPEN ignores the client-side flags", e -> {
                    e.write("f", "x");
                    int ignored = ProtocolConstants.O_NOCTTY | ProtocolConstants.O_NONBLOCK | ProtocolConstants.O_DSYNC
                            | 0x2000 | ProtocolConstants.O_DIRECT | ProtocolConstants.O_LARGEFILE
                            | ProtocolConstants.O_NOATIME | ProtocolConstants.O_CLOEXEC | ProtocolConstants.O_SYNC;
                    try (RemoteFile f = e.fs().open(e.p("f"), O_RDWR | ignored)) {
                        eq("pwrite of 3 bytes", 3, f.pwrite(0, "abc".getBytes()).written());
                    }
                })
                .add("OPEN of a FIFO write-only without a reader gets ENXIO, read-only never blocks", e -> {
                    e.fs().mknod(e.p("p"), S_IFIFO | 0600, 0, 0);
                    errno(Errno.ENXIO, () -> e.fs().open(e.p("p"), O_WRONLY));
                    e.fs().open(e.p("p"), O_RDONLY).close();
                })
                .add("OPEN of a socket node gets ENXIO", e -> {
                    e.fs().mknod(e.p("s"), S_IFSOCK | 0600, 0, 0);
                    errno(Errno.ENXIO, () -> e.fs().open(e.p("s"), O_RDONLY));
                })
                .add("OPEN O_CREAT with an empty path gets ENOENT", e -> errno(Errno.ENOENT,
                        () -> e.fs().open(RemotePath.root(), O_CREAT | O_WRONLY, 0644)))
                .add("OPEN O_PATH ignores access mode and O_TRUNC", e -> {
                    e.write("f", "abc");
                    e.fs().open(e.p("f"), O_PATH | O_WRONLY | O_TRUNC).close();
                    eq("size", 3L, e.fs().stat(e.p("f")).size());
                })
                .add("OPEN with an empty path reopens the base", e -> {
                    e.mkdir("d");
                    try (RemoteFile d = e.fs().open(e.p("d"), O_PATH | O_DIRECTORY);
                            RemoteFile again = e.fs().open(RemotePath.at(d, ""), O_RDONLY | O_DIRECTORY, 0)) {
                        eq("ino", d.attr().ino(), again.attr().ino());
                        isTrue(again.getdents(0, 0, false).entries().size() >= 2, "a readable directory handle");
                    }
                })
                .add("OPEN O_CREAT through a dangling symlink creates its target (InRoot)", e -> {
                    e.fs().symlink("target", e.p("l"));
                    try (RemoteFile f = e.fs().open(e.p("l"), O_CREAT | O_WRONLY, 0600)) {
                        isTrue(f.created(), "created true");
                    }
                    isTrue(e.fs().lstat(e.p("target")).isRegularFile(), "the target created inside the export");
                })
                .add("OPEN O_CREAT through a dangling symlink stops first (Stop)", e -> {
                    e.fs().symlink("target", e.p("l"));
                    io.lisa4j.conformance.run.Check.stopped(io.lisa4j.protocol.StoppedException.Reason.SYMLINK,
                            e.depth(), () -> e.stop().open(e.p("l"), O_CREAT | O_WRONLY, 0600));
                    errno(Errno.ENOENT, () -> e.fs().lstat(e.p("target")));
                })
                .cases());
        all.addAll(new Section("8.2.3")
                .add("MKDIR creates with the exact mode; attr and parent match the kernel", e -> {
                    FileAttr before = e.fs().stat(e.p(""));
                    EntryResult r = e.fs().mkdir(e.p("d"), 0751);
                    eq("mode", Integer.toOctalString(S_IFDIR | 0751), Integer.toOctalString(r.attr().mode()));
                    eq("parent nlink", before.nlink() + 1, r.parent().nlink());
                    e.matchesKernel("directory", "d", r.attr());
                    e.matchesKernel("parent", "", r.parent());
                })
                .add("MKDIR of an existing name gets EEXIST", e -> {
                    e.write("f", "x");
                    errno(Errno.EEXIST, () -> e.fs().mkdir(e.p("f"), 0755));
                })
                .add("MKDIR with an empty path gets ENOENT", e -> errno(Errno.ENOENT, () -> e.fs().mkdir(RemotePath.root(), 0755)))
                .add("MKDIR in a missing directory gets ENOENT", e -> errno(Errno.ENOENT, () -> e.fs().mkdir(e.p("m/d"), 0755)))
                .cases());
        all.addAll(new Section("8.2.4")
                .add("MKNOD creates a FIFO", e -> mknodType(e, S_IFIFO | 0640, S_IFIFO | 0640))
                .add("MKNOD with type 0 creates a regular file", e -> mknodType(e, 0644, S_IFREG | 0644))
                .add("MKNOD creates a regular file", e -> mknodType(e, S_IFREG | 0600, S_IFREG | 0600))
                .add("MKNOD creates a socket node", e -> mknodType(e, S_IFSOCK | 0600, S_IFSOCK | 0600))
                .add("MKNOD of a device on an export without devices gets EPERM", e -> errno(Errno.EPERM,
                        () -> e.fs().mknod(e.p("c"), S_IFCHR | 0600, 1, 3)))
                .add("MKNOD of a directory gets EPERM", e -> errno(Errno.EPERM, () -> e.fs().mknod(e.p("d"), S_IFDIR | 0755, 0, 0)))
                .add("MKNOD of a symlink or an invalid type gets EINVAL", e -> {
                    errno(Errno.EINVAL, () -> e.fs().mknod(e.p("l"), S_IFLNK | 0777, 0, 0));
                    errno(Errno.EINVAL, () -> e.fs().mknod(e.p("x"), 0170000 | 0644, 0, 0));
                })
                .add("MKNOD of an existing name gets EEXIST", e -> {
                    e.write("f", "x");
                    errno(Errno.EEXIST, () -> e.fs().mknod(e.p("f"), S_IFIFO | 0600, 0, 0));
                })
                .cases());
        Section symlink = new Section("8.2.5")
                .add("SYMLINK stores the target verbatim; attr matches the kernel", e -> {
                    byte[] target = "/../not/../interpreted/".getBytes();
                    EntryResult r = e.fs().symlink(target, e.path("l"));
                    eq("size", (long) target.length, r.attr().size());
                    eq("readlink", target, e.fs().readlink(e.p("l")));
                    e.matchesKernel("symlink", "l", r.attr());
                    e.matchesKernel("parent", "", r.parent());
                })
                .add("SYMLINK with an empty target gets ENOENT", e -> errno(Errno.ENOENT, () -> e.fs().symlink(new byte[0], e.path("l"))))
                .add("SYMLINK target of 4095 bytes works, 4096 gets ENAMETOOLONG", e -> {
                    e.fs().symlink("t".repeat(4095).getBytes(), e.path("ok"));
                    errno(Errno.ENAMETOOLONG, () -> e.fs().symlink("t".repeat(4096).getBytes(), e.path("long")));
                })
                .add("SYMLINK target with a NUL gets EINVAL", e -> errno(Errno.EINVAL, () -> e.fs().symlink("a\0b".getBytes(), e.path("l"))))
                .add("SYMLINK over an existing name gets EEXIST", e -> {
                    e.write("f", "x");
                    errno(Errno.EEXIST, () -> e.fs().symlink("t", e.p("f")));
                });
        BadNameCases.symlinkTargets(symlink);
        all.addAll(symlink.cases());
        all.addAll(new Section("8.2.6")
                .add("LINK adds a name; attr and parent match the kernel", e -> {
                    e.write("f", "x");
                    EntryResult r = e.fs().link(e.p("f"), e.p("g"));
                    eq("nlink", 2L, r.attr().nlink());
                    e.matchesKernel("linked file", "g", r.attr());
                    e.matchesKernel("parent", "", r.parent());
                })
                .add("LINK onto an existing name gets EEXIST", e -> {
                    e.write("f", "x");
                    e.write("g", "y");
                    errno(Errno.EEXIST, () -> e.fs().link(e.p("f"), e.p("g")));
                })
                .add("LINK of a missing file gets ENOENT", e -> errno(Errno.ENOENT, () -> e.fs().link(e.p("m"), e.p("g"))))
                .add("LINK of a directory gets EPERM", e -> {
                    e.mkdir("d");
                    errno(Errno.EPERM, () -> e.fs().link(e.p("d"), e.p("g")));
                })
                .add("LINK with an empty new path gets ENOENT", e -> {
                    e.write("f", "x");
                    errno(Errno.ENOENT, () -> e.fs().link(e.path("f"), RemotePath.root(), 0));
                })
                .add("LINK into another mount of the same export works", e -> {
                    e.write("f", "x");
                    RemoteFs other = e.remount();
                    twoFsid(e, Opcode.Link, linkBody(e, "f", "g", other.fsid()), 0);
                    eq("ino", e.fs().stat(e.p("f")).ino(), e.fs().stat(e.p("g")).ino());
                })
                .add("LINK into another export gets EXDEV", e -> {
                    e.write("f", "x");
                    twoFsid(e, Opcode.Link, linkBody(e, "f", "g", e.second().fsid()), Errno.EXDEV.number());
                })
                .add("LINK with a new_fsid not mounted gets ENODEV", e -> {
                    e.write("f", "x");
                    twoFsid(e, Opcode.Link, linkBody(e, "f", "g", 0x7ffffff1), Errno.ENODEV.number());
                })
                .cases());
        all.addAll(new Section("8.2.7")
                .add("READLINK returns the target", e -> {
                    e.fs().symlink("some/target", e.p("l"));
                    eq("target", "some/target".getBytes(), e.fs().readlink(e.p("l")));
                })
                .add("READLINK of a non-symlink gets EINVAL", e -> {
                    e.write("f", "x");
                    errno(Errno.EINVAL, () -> e.fs().readlink(e.p("f")));
                })
                .add("READLINK with an empty path reads an O_PATH|O_NOFOLLOW base", e -> {
                    e.fs().symlink("t", e.p("l"));
                    try (RemoteFile l = e.fs().open(e.p("l"), O_PATH | ProtocolConstants.O_NOFOLLOW)) {
                        eq("target", "t".getBytes(), e.fs().readlink(RemotePath.at(l, "")));
                    }
                })
                .add("READLINK of a missing name gets ENOENT", e -> errno(Errno.ENOENT, () -> e.fs().readlink(e.p("m"))))
                .cases());
        all.addAll(new Section("8.2.8")
                .add("UNLINK removes a file; the parent matches the kernel", e -> {
                    e.write("f", "x");
                    FileAttr parent = e.fs().unlink(e.p("f"));
                    errno(Errno.ENOENT, () -> e.fs().lstat(e.p("f")));
                    e.matchesKernel("parent", "", parent);
                })
                .add("UNLINK of a directory without AT_REMOVEDIR gets EISDIR", e -> {
                    e.mkdir("d");
                    errno(Errno.EISDIR, () -> e.fs().unlink(e.p("d")));
                })
                .add("UNLINK AT_REMOVEDIR removes an empty directory; parent nlink drops", e -> {
                    e.mkdir("d");
                    long nlink = e.fs().stat(e.p("")).nlink();
                    eq("parent nlink", nlink - 1, e.fs().rmdir(e.p("d")).nlink());
                })
                .add("UNLINK AT_REMOVEDIR of a non-empty directory gets ENOTEMPTY", e -> {
                    e.mkdir("d");
                    e.write("d/f", "x");
                    errno(Errno.ENOTEMPTY, () -> e.fs().rmdir(e.p("d")));
                })
                .add("UNLINK AT_REMOVEDIR of a file gets ENOTDIR", e -> {
                    e.write("f", "x");
                    errno(Errno.ENOTDIR, () -> e.fs().rmdir(e.p("f")));
                })
                .add("UNLINK of a missing name or an empty path gets ENOENT", e -> {
                    errno(Errno.ENOENT, () -> e.fs().unlink(e.p("m")));
                    errno(Errno.ENOENT, () -> e.fs().unlink(RemotePath.root(), 0));
                })
                .add("UNLINK with an undefined flag gets EINVAL", e -> {
                    e.write("f", "x");
                    errno(Errno.EINVAL, () -> e.fs().unlink(e.path("f"), 0x1));
                })
                .add("an open handle stays usable after UNLINK", e -> {
                    e.write("f", "abc");
                    try (RemoteFile f = e.fs().open(e.p("f"), O_RDWR)) {
                        e.fs().unlink(e.p("f"));
                        eq("read after unlink", "abc", new String(f.pread(0, 10).data()));
                        eq("nlink", 0L, f.fstat().nlink());
                    }
                })
                .cases());
        all.addAll(new Section("8.2.9")
                .add("RENAME moves; attr and both parents match the kernel", e -> {
                    e.write("f", "x");
                    e.mkdir("d");
                    RenameResult r = e.fs().rename(e.p("f"), e.p("d/g"));
                    e.matchesKernel("moved file", "d/g", r.attr());
                    e.matchesKernel("old parent", "", r.oldParent());
                    e.matchesKernel("new parent", "d", r.newParent());
                    isTrue(r.exchanged() == null, "exchanged absent without RENAME_EXCHANGE");
                })
                .add("RENAME replaces an existing target", e -> {
                    e.write("a", "A");
                    e.write("b", "B");
                    e.fs().rename(e.p("a"), e.p("b"));
                    eq("b", "A", e.read("b"));
                    errno(Errno.ENOENT, () -> e.fs().lstat(e.p("a")));
                })
                .add("RENAME_NOREPLACE onto an existing name gets EEXIST", e -> {
                    e.write("a", "A");
                    e.write("b", "B");
                    errno(Errno.EEXIST, () -> e.fs().rename(e.path("a"), e.path("b"), ProtocolConstants.RENAME_NOREPLACE));
                })
                .add("RENAME_EXCHANGE swaps and returns both", e -> {
                    e.write("a", "A");
                    e.mkdir("b");
                    RenameResult r = e.fs().rename(e.path("a"), e.path("b"), ProtocolConstants.RENAME_EXCHANGE);
                    eq("a", "A", e.read("b"));
                    isTrue(e.fs().stat(e.p("a")).isDirectory(), "a to be the directory now");
                    e.matchesKernel("exchanged", "a", r.exchanged());
                    e.matchesKernel("attr", "b", r.attr());
                })
                .add("RENAME_EXCHANGE with a missing target gets ENOENT", e -> {
                    e.write("a", "A");
                    errno(Errno.ENOENT, () -> e.fs().rename(e.path("a"), e.path("m"), ProtocolConstants.RENAME_EXCHANGE));
                })
                .add("RENAME with both flags or an undefined flag gets EINVAL", e -> {
                    e.write("a", "A");
                    errno(Errno.EINVAL, () -> e.fs().rename(e.path("a"), e.path("b"), 3));
                    errno(Errno.EINVAL, () -> e.fs().rename(e.path("a"), e.path("b"), 8));
                    // Linux's RENAME_WHITEOUT (4) is not a protocol flag: it would leave a 0:0 device at "a".
                    errno(Errno.EINVAL, () -> e.fs().rename(e.path("a"), e.path("b"), 4));
                    errno(Errno.EINVAL, () -> e.fs().rename(e.path("a"), e.path("b"), 5));
                    isTrue(e.fs().lstat(e.p("a")).isRegularFile(), "a is still the file");
                    errno(Errno.ENOENT, () -> e.fs().lstat(e.p("b")));
                })
                .add("RENAME of a directory into its own subtree gets EINVAL", e -> {
                    e.mkdir("d");
                    e.mkdir("d/sub");
                    errno(Errno.EINVAL, () -> e.fs().rename(e.p("d"), e.p("d/sub/x")));
                })
                .add("RENAME file over directory gets EISDIR, directory over file ENOTDIR", e -> {
                    e.write("f", "x");
                    e.mkdir("d");
                    errno(Errno.EISDIR, () -> e.fs().rename(e.p("f"), e.p("d")));
                    errno(Errno.ENOTDIR, () -> e.fs().rename(e.p("d"), e.p("f")));
                })
                .add("RENAME over a non-empty directory gets ENOTEMPTY", e -> {
                    e.mkdir("a");
                    e.mkdir("b");
                    e.write("b/f", "x");
                    errno(Errno.ENOTEMPTY, () -> e.fs().rename(e.p("a"), e.p("b")));
                })
                .add("RENAME of a file onto itself succeeds and changes nothing", e -> {
                    e.write("f", "x");
                    e.fs().link(e.p("f"), e.p("g"));
                    e.fs().rename(e.p("f"), e.p("g"));
                    eq("f", "x", e.read("f"));
                    eq("nlink", 2L, e.fs().stat(e.p("g")).nlink());
                })
                .add("RENAME of a missing name or an empty path gets ENOENT", e -> {
                    e.write("f", "x");
                    errno(Errno.ENOENT, () -> e.fs().rename(e.p("m"), e.p("n")));
                    errno(Errno.ENOENT, () -> e.fs().rename(e.path("f"), RemotePath.root(), 0));
                })
                .add("RENAME into another mount of the same export works", e -> {
                    e.write("f", "x");
                    RemoteFs other = e.remount();
                    twoFsid(e, Opcode.Rename, renameBody(e, "f", "g", other.fsid()), 0);
                    eq("g", "x", e.read("g"));
                })
                .add("RENAME into another export gets EXDEV", e -> {
                    e.write("f", "x");
                    twoFsid(e, Opcode.Rename, renameBody(e, "f", "g", e.second().fsid()), Errno.EXDEV.number());
                    eq("f", "x", e.read("f"));
                })
                .add("RENAME with a new_fsid not mounted gets ENODEV", e -> {
                    e.write("f", "x");
                    twoFsid(e, Opcode.Rename, renameBody(e, "f", "g", 0x7ffffff1), Errno.ENODEV.number());
                })
                .cases());
        return all;
    }

    static void mount(CaseEnv e) throws IOException {
        RemoteFs fs = e.remount();
        isTrue(fs.fsid() != 0, "a non-zero fsid");
        isTrue(!fs.readOnly(), "read_only false for the scratch export");
        if (e.target().local()) {
            io.lisa4j.conformance.run.Kernel.matches("root", io.lisa4j.conformance.run.Kernel.lstat(
                    e.target().exportPath()), fs.rootAttr());
        }
    }

    static void mknodType(CaseEnv e, int mode, int expected) throws IOException {
        EntryResult r = e.fs().mknod(e.p("n"), mode, 0, 0);
        eq("mode", Integer.toOctalString(expected), Integer.toOctalString(r.attr().mode()));
        e.matchesKernel("node", "n", r.attr());
        e.matchesKernel("parent", "", r.parent());
    }

    static java.nio.ByteBuffer linkBody(CaseEnv e, String from, String to, int newFsid) {
        return RequestBodies.link(e.spec(from, ResolveMode.IN_ROOT), e.spec(to, ResolveMode.IN_ROOT), false, newFsid);
    }

    static java.nio.ByteBuffer renameBody(CaseEnv e, String from, String to, int newFsid) {
        return RequestBodies.rename(e.spec(from, ResolveMode.IN_ROOT), e.spec(to, ResolveMode.IN_ROOT), 0, newFsid);
    }

    /** A LINK or RENAME whose new_path lives in another fsid, sent on the shared session. */
    static void twoFsid(CaseEnv e, int opcode, java.nio.ByteBuffer body, int expectedStatus) throws IOException {
        eq("status", expectedStatus, io.lisa4j.client.ConformanceCalls.status(e.session(), opcode, e.fs().fsid(), body));
    }

}
