package io.lisa4j.protocol.verify;

import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.message.RequestBodies;
import io.lisa4j.protocol.value.AttrChange;
import io.lisa4j.protocol.value.PathSpec;
import io.lisa4j.protocol.value.ResolveMode;
import io.lisa4j.protocol.value.Timestamp;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One well-formed request body per opcode, every optional field present. */
final class SampleRequests {
    private SampleRequests() {}

    static final PathSpec PATH = new PathSpec(7, List.of("a".getBytes(), "bb".getBytes(), new byte[0]),
            ResolveMode.IN_ROOT);
    static final AttrChange CHANGE = AttrChange.none().withMode(0644).withUid(5).withGid(6).withSize(9)
            .withAtime(new Timestamp(1, 2)).withMtime(new Timestamp(3, 4));

    static Map<Integer, ByteBuffer> all() {
        Map<Integer, ByteBuffer> m = new LinkedHashMap<>();
        m.put(Opcode.Hello, RequestBodies.hello(1, 1, 3, 1 << 20, "client"));
        m.put(Opcode.Mount, RequestBodies.mount("export".getBytes()));
        m.put(Opcode.Umount, RequestBodies.umount());
        m.put(Opcode.Ping, RequestBodies.ping());
        m.put(Opcode.Stat, RequestBodies.stat(PATH, true));
        m.put(Opcode.Open, RequestBodies.open(PATH, 0101, 0600));
        m.put(Opcode.Mkdir, RequestBodies.mkdir(PATH, 0700));
        m.put(Opcode.Mknod, RequestBodies.mknod(PATH, 010600, 1, 2));
        m.put(Opcode.Symlink, RequestBodies.symlink(PATH, "../t".getBytes()));
        m.put(Opcode.Link, RequestBodies.link(PATH, PATH, true, 3));
        m.put(Opcode.Readlink, RequestBodies.readlink(PATH));
        m.put(Opcode.Unlink, RequestBodies.unlink(PATH, 0x200));
        m.put(Opcode.Rename, RequestBodies.rename(PATH, PATH, 2, 3));
        m.put(Opcode.SetAttr, RequestBodies.setAttr(PATH, true, CHANGE));
        m.put(Opcode.StatFs, RequestBodies.statFs(PATH));
        m.put(Opcode.Access, RequestBodies.access(PATH, 4, 0x200));
        m.put(Opcode.GetXattr, RequestBodies.getXattr(PATH, true, "user.a".getBytes()));
        m.put(Opcode.SetXattr, RequestBodies.setXattr(PATH, true, "user.a".getBytes(), new byte[] {1, 2}, 1));
        m.put(Opcode.ListXattr, RequestBodies.listXattr(PATH, true));
        m.put(Opcode.RemoveXattr, RequestBodies.removeXattr(PATH, true, "user.a".getBytes()));
        m.put(Opcode.Fstat, RequestBodies.handle(9));
        m.put(Opcode.Pread, RequestBodies.pread(9, 10, 11));
        m.put(Opcode.Pwrite, RequestBodies.pwrite(9, 10));
        m.put(Opcode.Fsync, RequestBodies.fsync(9, true));
        m.put(Opcode.Ftruncate, RequestBodies.ftruncate(9, 10));
        m.put(Opcode.Fallocate, RequestBodies.fallocate(9, 1, 2, 3));
        m.put(Opcode.Getdents, RequestBodies.getdents(9, 10, 11, true));
        m.put(Opcode.FsetAttr, RequestBodies.fsetAttr(9, CHANGE));
        m.put(Opcode.FgetXattr, RequestBodies.fgetXattr(9, "user.a".getBytes()));
        m.put(Opcode.FsetXattr, RequestBodies.fsetXattr(9, "user.a".getBytes(), new byte[] {1}, 2));
        m.put(Opcode.FlistXattr, RequestBodies.handle(9));
        m.put(Opcode.FremoveXattr, RequestBodies.fremoveXattr(9, "user.a".getBytes()));
        m.put(Opcode.Close, RequestBodies.close(1, 2, 3));
        m.put(Opcode.Fstatfs, RequestBodies.handle(9));
        m.put(Opcode.Freadlink, RequestBodies.handle(9));
        return m;
    }
}
