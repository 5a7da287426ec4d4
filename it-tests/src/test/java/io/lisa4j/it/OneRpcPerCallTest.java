package io.lisa4j.it;

import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_DIRECTORY;
import static io.lisa4j.protocol.ProtocolConstants.O_NOFOLLOW;
import static io.lisa4j.protocol.ProtocolConstants.O_PATH;
import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;
import static io.lisa4j.protocol.ProtocolConstants.O_RDWR;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.RemotePath;
import io.lisa4j.client.RpcCounter;
import io.lisa4j.client.Session;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.StoppedException;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.value.AttrChange;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK's promise: every method is exactly one RPC, success or errno alike. Each call is checked
 * against both the total and its own opcode's count.
 */
class OneRpcPerCallTest {
    @TempDir
    Path temp;

    private interface SdkCall {
        void run() throws Exception;
    }

    private RpcCounter counter;

    private void expectOne(int opcode, SdkCall call) throws Exception {
        long total = counter.total();
        long own = counter.count(opcode);
        try {
            call.run();
        } catch (ErrnoException | StoppedException e) {
            // An errno (say, no user xattrs on this filesystem) or a stopped walk is still one RPC.
        }
        assertEquals(1, counter.total() - total, "total RPCs for opcode " + opcode);
        assertEquals(1, counter.count(opcode) - own, "RPCs of opcode " + opcode);
    }

    @Test
    void everyMethodIsOneRpc() throws Exception {
        try (InProcessServer server = InProcessServer.start(temp);
                Session s = Lisa4jClient.connect(server.endpoint(InProcessServer.Transport.UNIX))) {
            counter = s.rpcCounter();
            RemoteFs[] fsBox = new RemoteFs[1];
            expectOne(Opcode.Mount, () -> fsBox[0] = s.mount(InProcessServer.EXPORT));
            RemoteFs fs = fsBox[0];
            expectOne(Opcode.Ping, s::ping);
            expectOne(Opcode.Mkdir, () -> fs.mkdir("a", 0755));
            expectOne(Opcode.Mkdir, () -> fs.mkdir("a/deep", 0755));
            expectOne(Opcode.Stat, () -> fs.stat("a/deep"));
            expectOne(Opcode.Stat, () -> fs.lstat("a/deep"));
            expectOne(Opcode.Mknod, () -> fs.mknod("a/fifo", ProtocolConstants.S_IFIFO | 0600, 0, 0));
            expectOne(Opcode.Symlink, () -> fs.symlink("fifo", "a/link"));
            expectOne(Opcode.Readlink, () -> fs.readlink("a/link"));
            expectOne(Opcode.Link, () -> fs.link("a/fifo", "a/fifo2"));
            expectOne(Opcode.Rename, () -> fs.rename("a/fifo2", "a/fifo3"));
            expectOne(Opcode.Unlink, () -> fs.unlink("a/fifo3"));
            expectOne(Opcode.Unlink, () -> fs.rmdir("a/deep"));
            expectOne(Opcode.SetAttr, () -> fs.setattr("a", AttrChange.none().withMode(0700).withMtimeNow()));
            expectOne(Opcode.StatFs, () -> fs.statfs("a"));
            expectOne(Opcode.Access, () -> fs.access("a", ProtocolConstants.R_OK));
            expectOne(Opcode.SetXattr, () -> fs.setxattr("a", "user.k", new byte[] {1}, 0));
            expectOne(Opcode.GetXattr, () -> fs.getxattr("a", "user.k"));
            expectOne(Opcode.ListXattr, () -> fs.listxattr("a"));
            expectOne(Opcode.RemoveXattr, () -> fs.removexattr("a", "user.k"));
            expectOne(Opcode.Stat, () -> fs.stat("missing/one/two/three"));

            RemoteFile[] box = new RemoteFile[3];
            expectOne(Opcode.Open, () -> box[0] = fs.open("a/file", O_CREAT | O_RDWR, 0644));
            RemoteFile f = box[0];
            expectOne(Opcode.Pwrite, () -> f.pwrite(0, new byte[] {1, 2, 3}));
            expectOne(Opcode.Pread, () -> f.pread(0, 1 << 30));
            expectOne(Opcode.Pread, () -> f.pread(0, java.nio.ByteBuffer.allocate(8)));
            expectOne(Opcode.Fstat, f::fstat);
            expectOne(Opcode.Fstatfs, f::fstatfs);
            expectOne(Opcode.Fsync, f::fsync);
            expectOne(Opcode.Fsync, f::fdatasync);
            expectOne(Opcode.Ftruncate, () -> f.ftruncate(10));
            expectOne(Opcode.Fallocate, () -> f.fallocate(0, 0, 4096));
            expectOne(Opcode.FsetAttr, () -> f.fsetattr(AttrChange.none().withAtimeNow()));
            expectOne(Opcode.FsetXattr, () -> f.fsetxattr("user.f", new byte[] {2}, 0));
            expectOne(Opcode.FgetXattr, () -> f.fgetxattr("user.f"));
            expectOne(Opcode.FlistXattr, f::flistxattr);
            expectOne(Opcode.FremoveXattr, () -> f.fremovexattr("user.f"));
            expectOne(Opcode.Close, f::close);

            expectOne(Opcode.Open, () -> box[1] = fs.open("a", O_RDONLY | O_DIRECTORY, 0));
            expectOne(Opcode.Getdents, () -> box[1].getdents(0, 100, true));
            expectOne(Opcode.Stat, () -> fs.stat(RemotePath.at(box[1], "link")));
            expectOne(Opcode.Open, () -> box[2] = fs.open("a/link", O_PATH | O_NOFOLLOW, 0));
            expectOne(Opcode.Freadlink, box[2]::freadlink);
            expectOne(Opcode.Close, () -> fs.closeAll(box[1], box[2]));

            expectOne(Opcode.Stat, () -> fs.async().stat(RemotePath.of("a")).join());
            expectOne(Opcode.Umount, fs::umount);
        }
    }
}
