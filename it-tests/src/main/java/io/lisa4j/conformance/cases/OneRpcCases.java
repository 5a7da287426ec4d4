package io.lisa4j.conformance.cases;

import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_DIRECTORY;
import static io.lisa4j.protocol.ProtocolConstants.O_NOFOLLOW;
import static io.lisa4j.protocol.ProtocolConstants.O_PATH;
import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;
import static io.lisa4j.protocol.ProtocolConstants.O_RDWR;

import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.RemotePath;
import io.lisa4j.client.RpcCounter;
import io.lisa4j.conformance.run.CaseEnv;
import io.lisa4j.conformance.run.CaseFailure;
import io.lisa4j.conformance.run.Section;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.value.AttrChange;
import io.lisa4j.protocol.value.ResolveMode;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * §1 one request per syscall, as the SDK promises it: each method costs exactly one RPC of its own
 * opcode on the session's counter, success, errno and STOPPED alike, however deep the path; what
 * needs no request (building paths, reading what a reply already said) costs none.
 */
final class OneRpcCases {
    private OneRpcCases() {}

    /** One SDK call; an errno or STOPPED it ends with is part of the call. */
    @FunctionalInterface
    private interface SdkCall {
        Object run() throws Exception;
    }

    static void addTo(Section s) {
        s.add("one RPC per call: MOUNT, PING, UMOUNT", e -> {
            RemoteFs[] box = new RemoteFs[1];
            one(e, "mount", Opcode.Mount, () -> box[0] = e.session().mount(e.target().export()));
            one(e, "ping", Opcode.Ping, () -> {
                e.session().ping();
                return null;
            });
            one(e, "async ping", Opcode.Ping, () -> e.session().async().ping().join());
            one(e, "umount", Opcode.Umount, () -> {
                box[0].umount();
                return null;
            });
        });
        s.add("one RPC per call: every path-based RemoteFs method, success or errno", OneRpcCases::pathCalls);
        s.add("one RPC per call: every RemoteFile method", OneRpcCases::handleCalls);
        s.add("one RPC per call: a deep path, a missing name and a STOPPED walk", e -> {
            e.write("f", "x");
            e.fs().symlink("f", e.p("l"));
            String deep = e.p("") + "/.".repeat(200) + "/f";
            one(e, "stat of a 200-component path", Opcode.Stat, () -> e.fs().stat(deep));
            one(e, "stat of a missing name", Opcode.Stat, () -> e.fs().stat(e.p("missing/a/b/c")));
            one(e, "stat stopped at a symlink", Opcode.Stat, () -> e.stop().stat(e.p("l/x")));
            one(e, "open O_CREAT through a symlink", Opcode.Open, () -> e.fs().open(e.p("l"), O_CREAT | O_RDWR, 0644));
        });
        s.add("one RPC per call: the async SDK", e -> {
            e.write("f", "hello");
            var fs = e.fs().async();
            RemoteFile[] box = new RemoteFile[1];
            one(e, "async stat", Opcode.Stat, () -> fs.stat(e.path("f")).join());
            one(e, "async open", Opcode.Open, () -> box[0] = fs.open(e.path("f"), O_RDWR, 0).join());
            var f = box[0].async();
            one(e, "async pread", Opcode.Pread, () -> f.pread(0, 10).join());
            one(e, "async pwrite", Opcode.Pwrite, () -> f.pwrite(0, new byte[] {1}).join());
            one(e, "async fstat", Opcode.Fstat, () -> f.fstat().join());
            one(e, "async close", Opcode.Close, () -> f.close().join());
        });
        s.add("what needs no request costs no RPC", e -> {
            e.write("f", "x");
            try (RemoteFile f = e.fs().open(e.p("f"), O_RDWR)) {
                none(e, () -> {
                    RemotePath p = RemotePath.of(e.p("f")).withMode(ResolveMode.STOP);
                    RemotePath.at(f, "x");
                    p.components();
                    e.fs().withResolveMode(ResolveMode.STOP);
                    e.fs().rootAttr();
                    e.fs().readOnly();
                    e.fs().fsid();
                    e.fs().async().blocking();
                    f.attr();
                    f.created();
                    f.parent();
                    f.handle();
                    f.async().blocking();
                    e.session().negotiated();
                    return e.session().maxDataPerRpc();
                });
            }
        });
    }

    private static void pathCalls(CaseEnv e) throws IOException {
        e.write("f", "hello");
        RemoteFs fs = e.fs();
        one(e, "mkdir", Opcode.Mkdir, () -> fs.mkdir(e.p("d"), 0755));
        one(e, "mkdir (RemotePath)", Opcode.Mkdir, () -> fs.mkdir(e.path("d2"), 0755));
        one(e, "mkdir of an existing name", Opcode.Mkdir, () -> fs.mkdir(e.p("d"), 0755));
        one(e, "stat", Opcode.Stat, () -> fs.stat(e.p("f")));
        one(e, "stat (RemotePath)", Opcode.Stat, () -> fs.stat(e.path("f")));
        one(e, "lstat", Opcode.Stat, () -> fs.lstat(e.p("f")));
        one(e, "lstat (RemotePath)", Opcode.Stat, () -> fs.lstat(e.path("f")));
        one(e, "mknod", Opcode.Mknod, () -> fs.mknod(e.p("p"), ProtocolConstants.S_IFIFO | 0600, 0, 0));
        one(e, "mknod (RemotePath)", Opcode.Mknod, () -> fs.mknod(e.path("p2"), ProtocolConstants.S_IFIFO | 0600, 0, 0));
        one(e, "symlink", Opcode.Symlink, () -> fs.symlink("f", e.p("l")));
        one(e, "symlink (RemotePath)", Opcode.Symlink, () -> fs.symlink("f".getBytes(), e.path("l2")));
        one(e, "readlink", Opcode.Readlink, () -> fs.readlink(e.p("l")));
        one(e, "readlink (RemotePath)", Opcode.Readlink, () -> fs.readlink(e.path("l")));
        one(e, "link", Opcode.Link, () -> fs.link(e.p("f"), e.p("h")));
        one(e, "link (RemotePath)", Opcode.Link, () -> fs.link(e.path("l"), e.path("h2"), 0));
        one(e, "rename", Opcode.Rename, () -> fs.rename(e.p("h"), e.p("h3")));
        one(e, "rename (RemotePath)", Opcode.Rename, () -> fs.rename(e.path("h3"), e.path("h2"),
                ProtocolConstants.RENAME_EXCHANGE));
        one(e, "unlink", Opcode.Unlink, () -> fs.unlink(e.p("h2")));
        one(e, "unlink (RemotePath)", Opcode.Unlink, () -> fs.unlink(e.path("h3"), 0));
        one(e, "rmdir", Opcode.Unlink, () -> fs.rmdir(e.p("d2")));
        one(e, "rmdir (RemotePath)", Opcode.Unlink, () -> fs.rmdir(e.path("d")));
        one(e, "setattr", Opcode.SetAttr, () -> fs.setattr(e.p("f"), AttrChange.none().withMode(0600).withMtimeNow()));
        one(e, "setattr (RemotePath)", Opcode.SetAttr, () -> fs.setattr(e.path("f"), AttrChange.none().withSize(3)));
        one(e, "lsetattr", Opcode.SetAttr, () -> fs.lsetattr(e.path("l"), AttrChange.none().withMtimeNow()));
        one(e, "statfs", Opcode.StatFs, () -> fs.statfs(e.p("f")));
        one(e, "statfs (RemotePath)", Opcode.StatFs, () -> fs.statfs(e.path("f")));
        one(e, "access", Opcode.Access, () -> {
            fs.access(e.p("f"), ProtocolConstants.R_OK);
            return null;
        });
        one(e, "access (RemotePath)", Opcode.Access, () -> {
            fs.access(e.path("l"), ProtocolConstants.F_OK, ProtocolConstants.AT_SYMLINK_NOFOLLOW);
            return null;
        });
        one(e, "setxattr", Opcode.SetXattr, () -> fs.setxattr(e.p("f"), "user.a", new byte[] {1}, 0));
        one(e, "setxattr (RemotePath)", Opcode.SetXattr, () -> fs.setxattr(e.path("f"), "user.b", new byte[] {1}, 0));
        one(e, "lsetxattr", Opcode.SetXattr, () -> fs.lsetxattr(e.path("l"), "user.a", new byte[] {1}, 0));
        one(e, "getxattr", Opcode.GetXattr, () -> fs.getxattr(e.p("f"), "user.a"));
        one(e, "getxattr (RemotePath)", Opcode.GetXattr, () -> fs.getxattr(e.path("f"), "user.a"));
        one(e, "lgetxattr", Opcode.GetXattr, () -> fs.lgetxattr(e.path("l"), "user.a"));
        one(e, "listxattr", Opcode.ListXattr, () -> fs.listxattr(e.p("f")));
        one(e, "listxattr (RemotePath)", Opcode.ListXattr, () -> fs.listxattr(e.path("f")));
        one(e, "llistxattr", Opcode.ListXattr, () -> fs.llistxattr(e.path("l")));
        one(e, "removexattr", Opcode.RemoveXattr, () -> fs.removexattr(e.p("f"), "user.a"));
        one(e, "removexattr (RemotePath)", Opcode.RemoveXattr, () -> fs.removexattr(e.path("f"), "user.b"));
        one(e, "lremovexattr", Opcode.RemoveXattr, () -> fs.lremovexattr(e.path("l"), "user.a"));
        RemoteFile[] box = new RemoteFile[2];
        one(e, "open", Opcode.Open, () -> box[0] = fs.open(e.p("f"), O_RDONLY));
        one(e, "open with mode", Opcode.Open, () -> box[1] = fs.open(e.p("n"), O_CREAT | O_RDWR, 0644));
        one(e, "closeAll of two", Opcode.Close, () -> fs.closeAll(box[0], box[1]));
    }

    private static void handleCalls(CaseEnv e) throws Exception {
        e.write("f", "hello");
        e.fs().symlink("f", e.p("l"));
        try (RemoteFile f = e.fs().open(e.p("f"), O_RDWR);
                RemoteFile d = e.fs().open(e.p(""), O_RDONLY | O_DIRECTORY);
                RemoteFile l = e.fs().open(e.p("l"), O_PATH | O_NOFOLLOW)) {
            one(e, "fstat", Opcode.Fstat, f::fstat);
            one(e, "fstatfs", Opcode.Fstatfs, f::fstatfs);
            one(e, "freadlink", Opcode.Freadlink, l::freadlink);
            one(e, "pread", Opcode.Pread, () -> f.pread(0, 1 << 30));
            one(e, "pread (ByteBuffer)", Opcode.Pread, () -> f.pread(0, ByteBuffer.allocate(8)));
            one(e, "pwrite", Opcode.Pwrite, () -> f.pwrite(0, new byte[] {1, 2}));
            one(e, "pwrite (ByteBuffer)", Opcode.Pwrite, () -> f.pwrite(2, ByteBuffer.wrap(new byte[] {3})));
            one(e, "fsync", Opcode.Fsync, () -> {
                f.fsync();
                return null;
            });
            one(e, "fdatasync", Opcode.Fsync, () -> {
                f.fdatasync();
                return null;
            });
            one(e, "ftruncate", Opcode.Ftruncate, () -> f.ftruncate(10));
            one(e, "fallocate", Opcode.Fallocate, () -> f.fallocate(0, 0, 4096));
            one(e, "getdents", Opcode.Getdents, () -> d.getdents(0, 100, true));
            one(e, "fsetattr", Opcode.FsetAttr, () -> f.fsetattr(AttrChange.none().withAtimeNow()));
            one(e, "fsetxattr", Opcode.FsetXattr, () -> f.fsetxattr("user.f", new byte[] {2}, 0));
            one(e, "fgetxattr", Opcode.FgetXattr, () -> f.fgetxattr("user.f"));
            one(e, "flistxattr", Opcode.FlistXattr, f::flistxattr);
            one(e, "fremovexattr", Opcode.FremoveXattr, () -> f.fremovexattr("user.f"));
            one(e, "pread on a directory (EISDIR)", Opcode.Pread, () -> d.pread(0, 1));
            one(e, "close", Opcode.Close, () -> {
                l.close();
                return null;
            });
            none(e, () -> {
                l.close(); // a second close has nothing left to do
                return null;
            });
        }
    }

    /** {@code call} costs exactly one RPC in all, and it is of {@code opcode}. */
    private static void one(CaseEnv e, String method, int opcode, SdkCall call) {
        RpcCounter counter = e.session().rpcCounter();
        long total = counter.total();
        long own = counter.count(opcode);
        try {
            call.run();
        } catch (CaseFailure f) {
            throw f;
        } catch (Exception errnoOrStopped) {
            // an errno or a stopped walk is still one RPC
        }
        long spent = counter.total() - total;
        long ofOpcode = counter.count(opcode) - own;
        if (spent != 1 || ofOpcode != 1) {
            throw new CaseFailure("expected %s to cost 1 RPC of opcode %d, got %d RPCs (%d of that opcode)"
                    .formatted(method, opcode, spent, ofOpcode));
        }
    }

    /** {@code call} costs no RPC at all. */
    private static void none(CaseEnv e, SdkCall call) throws Exception {
        long total = e.session().rpcCounter().total();
        call.run();
        long spent = e.session().rpcCounter().total() - total;
        if (spent != 0) {
            throw new CaseFailure("expected no RPC, got " + spent);
        }
    }
}
